/**
 * The real editors these tests drive are installed once, on first use, by
 * test/editors/install.sh into .cache/editors/. When that fails the caller
 * throws: a machine that should run these tests must not pass by skipping them.
 */
import { spawnSync } from "node:child_process";
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
