import type { Diagnostic, RuleMeta } from "../core/diagnostic.js";

export interface FileResult {
  file: string;
  kind: string;
  diagnostics: Diagnostic[];
}

/** The JSON shape of the command-line contract: 1-based lines and columns. */
export interface JsonDiagnostic {
  rule: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function toJsonDiagnostic(d: Diagnostic): JsonDiagnostic {
  return {
    rule: d.rule,
    severity: d.severity,
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
  };
}

export const fileLevelRules: RuleMeta[] = [
  { id: "etcetera/not-text", severity: "error", doc: "The file is binary (it holds NUL bytes), not a configuration file." },
];
