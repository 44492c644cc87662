import { escapeMarkdown } from "../../core/markdown.js";
import summaries from "./data/summaries.json";
import { type DirectiveInfo, parserInfo } from "./data.js";

/** Own-words summaries (data/summaries.json), keyed by `Section.Name`, falling back to `Name`. */
interface Summary {
  summary: string;
  default?: string;
}

const table = summaries as Record<string, Summary>;

export function summaryOf(d: DirectiveInfo): Summary | undefined {
  return table[`${d.section}.${d.name}`] ?? table[d.name];
}

const kindNames: Record<string, string> = {
  bool: "boolean (yes/no)",
  tristate: "boolean, or empty for the default",
  timespan: "time span (e.g. 90s, 5min, 1h 30min, infinity)",
  "timespan-ns": "time span; a bare number means nanoseconds",
  enum: "one of a fixed set of words",
  uint: "unsigned integer",
  int: "integer",
  percent: "percentage",
  "size-iec": "byte size (K, M, G, ... are powers of 1024)",
  "size-or-percent": "byte size, percentage of RAM, or infinity",
  "uint-or-percent": "number, percentage, or infinity",
  command: "command line: [prefixes]/path/to/executable arguments",
  "unit-list": "space-separated unit names",
  unit: "unit name",
  path: "absolute path",
  "path-list": "space-separated absolute paths",
  "env-assignments": "space-separated NAME=value assignments",
  user: "user or group name, or numeric ID",
  timer: "time span (e.g. 15min, 1h 30min)",
  "condition-path": "absolute path, optionally prefixed with | (trigger) and ! (negate)",
  "condition-string": "condition value, optionally prefixed with | (trigger) and ! (negate)",
};

export function valueKindText(d: DirectiveInfo): string {
  // OnCalendar= shares its parser with the monotonic triggers, but takes a calendar event only.
  if (d.name === "OnCalendar") return "calendar event (e.g. daily, Mon..Fri 09:00, *-*-01 03:00:00)";
  const kind = parserInfo(d.parser)?.kind ?? "string";
  return kindNames[kind] ?? kind.replace(/-/g, " ");
}

/** A Markdown description of a directive: summary, value kind, allowed values, default, version, link. */
export function directiveMarkdown(d: DirectiveInfo): string {
  const parts: string[] = [`**${d.name}=** — [${d.section}]`];
  const s = summaryOf(d);
  if (s) parts.push(s.summary);
  else if (d.manSection) parts.push(`Documented in ${d.manPage}(5) under “${d.manSection}”.`);
  const facts: string[] = [`Value: ${escapeMarkdown(valueKindText(d))}`];
  const allowed = parserInfo(d.parser)?.allowed ?? [];
  if (allowed.length > 0 && allowed.length <= 40) facts.push(`Allowed: ${allowed.map((a) => `\`${a}\``).join(", ")}`);
  if (s?.default) facts.push(`Default: \`${s.default}\``);
  if (d.versionAdded) facts.push(`Added in systemd ${d.versionAdded}`);
  else if (!d.inV252) facts.push("Added after systemd 252");
  if (d.status !== "current") facts.push(`Status: ${d.status}${d.replacement ? ` → ${d.replacement}` : ""}`);
  parts.push(facts.map((f) => `- ${f}`).join("\n"));
  if (d.url) parts.push(`[${d.manPage ?? "systemd"}(5)](${d.url})`);
  return parts.join("\n\n");
}
