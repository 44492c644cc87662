import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/** The bundled server and CLI, as users and editors run it. */
export const bundlePath = resolve("server/dist/etcetera.cjs");

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  return existsSync(bundlePath) && statSync(bundlePath).mtimeMs >= newestSourceTime("server/src");
}

/**
 * Builds the bundle when it is missing or older than the sources, so that a
 * filtered `node scripts/test.mjs protocol` after an edit tests the edit.
 * Test files run in parallel, so the build happens under a lock directory.
 */
export function ensureBundle(): void {
  if (isFresh()) return;
  const lock = resolve(".cache/build.lock");
  mkdirSync(resolve(".cache"), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`waited 120 s for ${lock}; remove it if no build is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    if (isFresh()) return;
    const r = spawnSync(process.execPath, ["scripts/build.mjs"], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}
