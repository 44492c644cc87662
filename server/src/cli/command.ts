/** What every command gets to write with, and the error that makes the dispatcher print the usage. */
export interface CommandIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  /** Told how many files a lint run is about to analyse (the `etcetera` command tunes the JIT for it). */
  beforeAnalysis?: (files: number) => void;
}

/** A wrong command line: reported with the usage, exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
