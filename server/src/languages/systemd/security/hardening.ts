/**
 * Hardening settings for a service and what each does to its score: for
 * every failing check that one setting fixes, the unit is scored again with
 * that setting appended to [Service], and the settings that lower the
 * exposure are kept, the biggest gain first.
 */
import type { TextEdit } from "../../../core/diagnostic.js";
import type { UnitFile } from "../parser.js";
import { type SecurityInput, scoreService } from "./index.js";
import type { Score } from "./score.js";

export interface Hardening {
  /** The assignment to add: `ProtectSystem=strict`. */
  setting: string;
  /** The exposure with it, in tenths. */
  exposureTenths: number;
  /** How much it lowers the exposure, in tenths (positive). */
  gainTenths: number;
  /** The json_field ids of the checks it fixes. */
  checkIds: string[];
}

export function hardeningOptions(input: SecurityInput, score: Score): Hardening[] {
  const byFix = new Map<string, string[]>();
  for (const r of score.results) {
    if (!r.badness || !r.check.fix) continue;
    byFix.set(r.check.fix, [...(byFix.get(r.check.fix) ?? []), r.check.id]);
  }
  const out: Hardening[] = [];
  for (const [setting, checkIds] of byFix) {
    const trial = scoreService({
      ...input,
      dropIns: [...(input.dropIns ?? []), { path: "etcetera-trial.conf", text: `[Service]\n${setting}\n` }],
    });
    if (trial.kind !== "score") continue;
    const gainTenths = score.exposureTenths - trial.score.exposureTenths;
    if (gainTenths > 0) out.push({ setting, exposureTenths: trial.score.exposureTenths, gainTenths, checkIds });
  }
  return out.sort((a, b) => b.gainTenths - a.gainTenths || a.setting.localeCompare(b.setting));
}

/** The edit that adds a setting as the last line of the unit's last [Service] section. */
export function addToServiceEdit(unit: UnitFile, setting: string): TextEdit | undefined {
  const section = [...unit.sections].reverse().find((s) => s.name === "Service");
  if (!section) return undefined;
  const lastLine = section.entries.length > 0 ? Math.max(...section.entries.map((e) => e.range.end.line)) : section.headerRange.end.line;
  if (lastLine + 1 < unit.lines.length) {
    const at = { line: lastLine + 1, character: 0 };
    return { range: { start: at, end: at }, newText: `${setting}\n` };
  }
  const at = { line: lastLine, character: (unit.lines[lastLine] ?? "").length };
  return { range: { start: at, end: at }, newText: `\n${setting}` };
}

/** "−0.2" with a real minus sign, as the score moves. */
export function formatGain(tenths: number): string {
  return `−${(tenths / 10).toFixed(1)}`;
}
