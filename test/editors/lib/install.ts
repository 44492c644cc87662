/**
 * The real editors these tests drive are installed once, on first use, by
 * test/editors/install.sh into .cache/editors/. When that fails the caller
 * throws: a machine that should run these tests must not pass by skipping them.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "../../..");
export const editorsCache = process.env.ETCETERA_EDITORS_CACHE ?? join(repoRoot, ".cache/editors");
const installScript = join(repoRoot, "test/editors/install.sh");

/** Installs (or finds already installed) the given editor; throws with the installer's reason otherwise. */
export function installEditor(editor: "neovim" | "code-server"): void {
  const started = Date.now();
  // The installer's progress goes to our stderr: node:test reads a test file's stdout.
  const r = spawnSync("bash", [installScript, editor], {
    stdio: ["ignore", 2, 2],
    env: { ...process.env, ETCETERA_EDITORS_CACHE: editorsCache },
  });
  if (r.status !== 0) throw new Error(`test/editors/install.sh ${editor} failed (exit ${r.status ?? r.signal}); see its output above`);
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 5) console.error(`installed ${editor} in ${seconds.toFixed(0)} s`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A scratch folder of this process under .cache/editors/run: several test
 * runs may share one checkout, so each keeps its own profile and workspace.
 * Folders of processes that are gone are removed on the way.
 */
export function scratchDir(name: string): string {
  const root = join(editorsCache, "run");
  mkdirSync(root, { recursive: true });
  for (const entry of readdirSync(root)) {
    const pid = Number(/-(\d+)$/.exec(entry)?.[1]);
    if (pid && !alive(pid)) rmSync(join(root, entry), { recursive: true, force: true });
  }
  const dir = join(root, `${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function removeScratch(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
