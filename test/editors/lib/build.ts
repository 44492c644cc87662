/**
 * The editor tests run the extension as built: dist/extension.cjs and
 * dist/server.cjs, and for the UI test the packaged .vsix. They are rebuilt
 * here when older than the sources, under the same lock directory the other
 * test helpers use, since test files run in parallel.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync } from "node:fs";
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

/**
 * Copies what the .vsix may hold (the top-level entries its .vscodeignore
 * allow-list names) to a staging folder, so that vsce, which walks every file
 * under its folder before applying .vscodeignore, does not walk the repository
 * with its caches. The allow-list still decides what ships.
 */
function stage(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const allowed = readFileSync(join(repoRoot, ".vscodeignore"), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("!"))
    .map((line) => line.slice(1).split("/")[0] ?? "");
  for (const top of new Set([".vscodeignore", ...allowed])) {
    if (!top || top.includes("*") || !existsSync(join(repoRoot, top))) continue;
    cpSync(join(repoRoot, top), join(dir, top), {
      recursive: true,
      filter: (src) => !src.endsWith(".vsix") && !src.includes("node_modules"),
    });
  }
}

/** The packaged extension, as users install it; built fresh into .cache/editors (never over dist/etcetera.vsix). */
export function ensurePackaged(): string {
  ensureBuilt();
  const vsix = join(repoRoot, ".cache/editors/etcetera.vsix");
  const fresh = () =>
    oldest([vsix]) >= newest([...sources, ...["dist/extension.cjs", "dist/server.cjs", ".vscodeignore"].map((p) => join(repoRoot, p))]);
  if (fresh()) return vsix;
  withBuildLock(() => {
    if (fresh()) return;
    const dir = join(repoRoot, ".cache/editors/package");
    stage(dir);
    const vsce = join(repoRoot, "node_modules/@vscode/vsce/vsce");
    // Written aside and renamed, so that a test run reading the previous one never sees half a file.
    const r = spawnSync(process.execPath, [vsce, "package", "--no-dependencies", "--out", `${vsix}.new`], { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`vsce package failed:\n${r.stdout}${r.stderr}`);
    renameSync(`${vsix}.new`, vsix);
  });
  return vsix;
}
