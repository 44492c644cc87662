/**
 * The editor tests run the extension as built: dist/extension.cjs and
 * dist/server.cjs, and for the UI test the packaged .vsix. They are rebuilt
 * here when older than the sources, under the same lock directory the other
 * test helpers use, since test files run in parallel.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./install.js";

/** The newest modification time of the files under these paths. */
function newest(paths: string[]): number {
  return Math.max(
    0,
    ...paths.map((path) => {
      if (!existsSync(path)) return 0;
      const stat = statSync(path);
      return stat.isDirectory() ? newest(readdirSync(path).map((name) => join(path, name))) : stat.mtimeMs;
    }),
  );
}

function oldest(paths: string[]): number {
  return Math.min(...paths.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)));
}

const sources = ["client/src", "server/src", "package.json", "syntaxes", "snippets", "README.md"].map((p) => join(repoRoot, p));

function withBuildLock<T>(fn: () => T): T {
  const lock = join(repoRoot, ".cache/build.lock");
  mkdirSync(join(repoRoot, ".cache"), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`waited 180 s for ${lock}; remove it if no build is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    return fn();
  } finally {
    rmdirSync(lock);
  }
}

function run(args: string[]): void {
  const r = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed:\n${r.stdout}${r.stderr}`);
}

/** dist/extension.cjs and dist/server.cjs, fresh. */
export function ensureBuilt(): void {
  const outputs = ["dist/extension.cjs", "dist/server.cjs", "server/dist/etcetera.cjs"].map((p) => join(repoRoot, p));
  const fresh = () => oldest(outputs) >= newest(sources);
  if (fresh()) return;
  withBuildLock(() => fresh() || run(["scripts/build.mjs"]));
}

/** The packaged extension, as users install it; built fresh into .cache/editors (never over dist/etcetera.vsix). */
export function ensurePackaged(): string {
  ensureBuilt();
  const vsix = join(repoRoot, ".cache/editors/etcetera.vsix");
  const fresh = () => oldest([vsix]) >= newest([...sources, ...["dist/extension.cjs", "dist/server.cjs"].map((p) => join(repoRoot, p))]);
  if (!fresh()) {
    mkdirSync(join(repoRoot, ".cache/editors"), { recursive: true });
    withBuildLock(() => fresh() || run(["node_modules/@vscode/vsce/vsce", "package", "--no-dependencies", "--out", vsix]));
  }
  return vsix;
}
