import { spawnSync } from "node:child_process";
import type { PublishDiagnosticsParams } from "vscode-languageserver-protocol";
import { bundlePath } from "./bundle.js";

/** `rule@line:column` of each finding of the bundled `etcetera lint` on one file, sorted: what a protocol test compares the server with. */
export function cliRules(file: string): string[] {
  const r = spawnSync(process.execPath, [bundlePath, "lint", "--format", "json", file], { encoding: "utf8" });
  const results = JSON.parse(r.stdout) as { diagnostics: { rule: string; line: number; column: number }[] }[];
  return (results[0]?.diagnostics ?? []).map((d) => `${d.rule}@${d.line}:${d.column}`).sort();
}

/** The same `rule@line:column` list from the server's published diagnostics (LSP positions are 0-based). */
export const serverRules = (p: PublishDiagnosticsParams): string[] =>
  p.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`).sort();
