import type { UnitPage } from "./types.js";

/**
 * A unit's page as Markdown: what `etcetera status UNIT --details` prints and
 * the read-only document the editor opens. Host values are escaped where
 * Markdown would read them as markup or HTML (the preview must show a
 * Description such as `<b>` as text), and journal lines go in a fence longer
 * than any run of backticks they hold. No engine imports: the client bundles it.
 */

/** Escapes what CommonMark reads as markup or raw HTML at any position in a line. */
export function mdText(s: string): string {
  return s.replace(/[\\`*_[\]<>|&#~]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, " ");
}

function fence(lines: string[]): string {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((r) => r.length))));
  return "`".repeat(longest + 1);
}

export function formatBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`;
}

const or = (s: string | number) => (s === "" || s === 0 ? "-" : String(s));

export function unitPageText(p: UnitPage, host?: string): string {
  const out: string[] = [];
  out.push(`# ${mdText(p.unit)}${host ? ` on ${mdText(host)}` : ""}`, "");
  if (p.description) out.push(mdText(p.description), "");
  const since = p.activeSince || p.stateChangedAt;
  const row = (k: string, v: string) => out.push(`- **${k}:** ${v}`);
  row("State", `${mdText(p.activeState)} (${mdText(p.subState)})${since ? ` since ${since}` : ""}`);
  row("Loaded", `${mdText(p.loadState)}${p.unitFileState ? `, ${mdText(p.unitFileState)}` : ""}`);
  if (p.result && p.result !== "success") row("Result", mdText(p.result));
  row("Main PID", or(p.mainPid));
  row("Memory", p.memoryBytes === null ? "-" : formatBytes(p.memoryBytes));
  row("Tasks", p.tasks === null ? "-" : String(p.tasks));
  if (p.nRestarts) row("Restarts", String(p.nRestarts));
  row("File", mdText(or(p.fragmentPath)));
  for (const d of p.dropIns) row("Drop-in", mdText(d));
  out.push("");
  out.push("## Listening", "");
  if (p.sockets.length === 0) out.push("- none");
  for (const s of p.sockets)
    out.push(`- ${s.protocol ? `${mdText(s.protocol)} ` : ""}${mdText(s.address)}${s.unit ? ` (${mdText(s.unit)})` : ""}`);
  out.push("", "## Triggered by timers", "");
  if (p.timers.length === 0) out.push("- none");
  for (const t of p.timers)
    out.push(
      `- ${mdText(t.unit)} (${mdText(t.activeState)}): last ${t.lastTrigger || "never"}, next ${t.nextElapse || "not scheduled"}${t.schedule ? `; ${mdText(t.schedule)}` : ""}`,
    );
  out.push("", "## Conditions", "");
  const failed = p.conditions.filter((c) => c.result === "failed");
  if (p.conditions.length === 0) out.push("- none");
  else if (p.conditions.every((c) => c.result === "unchecked"))
    out.push(`- ${p.conditions.length} not checked yet (the unit has not been started)`);
  else if (failed.length === 0)
    out.push(`- all ${p.conditions.length} met${p.conditionCheckedAt ? ` (checked ${p.conditionCheckedAt})` : ""}`);
  for (const c of failed)
    out.push(`- **failed** ${c.kind}: ${mdText(c.setting)}${p.conditionCheckedAt ? ` (checked ${p.conditionCheckedAt})` : ""}`);
  out.push("", `## Journal (last ${p.journal.length} lines)`, "");
  if (p.limited) out.push(`> ${mdText(p.limited)}`, "");
  if (p.journal.length === 0) out.push(p.journalNote ? `- ${mdText(p.journalNote)}` : "- no entries");
  else {
    const lines = p.journal.map((e) => `${e.time} ${e.identifier}${e.pid ? `[${e.pid}]` : ""}: ${e.message}`.replace(/[\r\n]+/g, " "));
    const f = fence(lines);
    out.push(f, ...lines, f);
  }
  return `${out.join("\n")}\n`;
}
