import { setFlagsFromString } from "node:v8";

/**
 * Above this many files a lint run lives long enough for V8's optimizing compiler (TurboFan) to pay
 * for itself; below it, compiling hot functions costs more CPU than the optimized code saves.
 * Measured on the Debian corpus (`npm run bench`, Node 20): 300 files 1.28 → 0.77 s CPU without
 * TurboFan, 2,195 files 4.3 → 3.4 s, 8,780 files (the corpus four times) about even.
 */
const SHORT_RUN_FILES = 3000;

/**
 * Caps V8's tiers for a short lint run: interpreter, baseline code and Maglev (where the Node.js
 * version ships it), no TurboFan. Called once the files are collected and before any is analysed,
 * so no hot function has been optimized yet. Only the `etcetera` command calls it: it changes the
 * whole process, which a test runner or the language server must not have changed under it.
 */
export function tuneJitForRun(files: number): void {
  if (files <= SHORT_RUN_FILES) setFlagsFromString("--max-opt=2");
}
