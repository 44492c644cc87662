import type { RuleMeta } from "../core/diagnostic.js";
import { type FileResult, toJsonDiagnostic } from "./results.js";

export type OutputFormat = "stylish" | "json" | "sarif" | "github";
export const outputFormats: OutputFormat[] = ["stylish", "json", "sarif", "github"];

export function formatJson(results: FileResult[]): string {
  return `${JSON.stringify(
    results.map((r) => ({ file: r.file, kind: r.kind, diagnostics: r.diagnostics.map(toJsonDiagnostic) })),
    null,
    2,
  )}\n`;
}

export function formatStylish(results: FileResult[], color: boolean): string {
  const c = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) {
    if (r.diagnostics.length === 0) continue;
    lines.push(c("4", r.file));
    for (const d of r.diagnostics) {
      counts[d.severity]++;
      const pos = `${d.range.start.line + 1}:${d.range.start.character + 1}`.padEnd(8);
      const sev =
        d.severity === "error" ? c("31", "error  ") : d.severity === "warning" ? c("33", "warning") : c("36", d.severity.padEnd(7));
      lines.push(`  ${pos} ${sev}  ${d.message}  ${c("2", d.rule)}`);
    }
    lines.push("");
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) lines.push(`${results.length} file${results.length === 1 ? "" : "s"} checked, no problems`);
  else
    lines.push(
      c(
        counts.error > 0 ? "31;1" : "33;1",
        `✖ ${total} problem${total === 1 ? "" : "s"} (${counts.error} error${counts.error === 1 ? "" : "s"}, ${counts.warning} warning${counts.warning === 1 ? "" : "s"}) in ${results.length} file${results.length === 1 ? "" : "s"}`,
      ),
    );
  return `${lines.join("\n")}\n`;
}

function escapeGithub(s: string, property = false): string {
  let out = s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  if (property) out = out.replace(/:/g, "%3A").replace(/,/g, "%2C");
  return out;
}

export function formatGithub(results: FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const d of r.diagnostics) {
      const level = d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "notice";
      const props = [
        `file=${escapeGithub(r.file, true)}`,
        `line=${d.range.start.line + 1}`,
        `col=${d.range.start.character + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `endColumn=${d.range.end.character + 1}`,
        `title=${escapeGithub(d.rule, true)}`,
      ];
      lines.push(`::${level} ${props.join(",")}::${escapeGithub(d.message)}`);
    }
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

export function formatSarif(results: FileResult[], rules: RuleMeta[], version: string): string {
  const level = (s: string) => (s === "error" ? "error" : s === "warning" ? "warning" : "note");
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "etcetera",
            version,
            informationUri: "https://github.com/etcetera-dev/etcetera",
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.doc },
              defaultConfiguration: { level: level(r.severity), ...(r.enabledByDefault === false ? { enabled: false } : {}) },
            })),
          },
        },
        results: results.flatMap((r) =>
          r.diagnostics.map((d) => ({
            ruleId: d.rule,
            level: level(d.severity),
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: r.file.replace(/\\/g, "/") },
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
