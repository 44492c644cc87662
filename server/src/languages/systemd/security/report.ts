/**
 * The exposure score as text (systemd's table: mark, name, description,
 * exposure, then the overall line) and as the JSON of the CLI contract.
 * Shared by `etcetera security` and the editor's full-table command.
 */
import type { SecurityOutcome } from "./index.js";
import type { CheckResult, Score } from "./score.js";

export interface JsonCheck {
  id: string;
  description: string;
  /** Points of exposure this check adds (0 when it passes), null when it does not apply. */
  exposure: number | null;
}

export interface JsonScore {
  file: string;
  unit: string;
  exposure: number | null;
  level: string | null;
  /** Why there is no score: systemd refuses the unit, or it is not a service. */
  refused?: string;
  checks: JsonCheck[];
}

const points = (tenths: number) => tenths / 10;

export function formatExposure(tenths: number): string {
  return (tenths / 10).toFixed(1);
}

export function toJsonScore(file: string, outcome: SecurityOutcome): JsonScore {
  if (outcome.kind !== "score") return { file, unit: outcome.unit, exposure: null, level: null, refused: outcome.reason, checks: [] };
  return {
    file,
    unit: outcome.unit,
    exposure: points(outcome.score.exposureTenths),
    level: outcome.score.level,
    checks: outcome.score.results.map((r) => ({
      id: r.check.id,
      description: r.description,
      exposure: r.exposureTenths === null ? null : points(r.exposureTenths),
    })),
  };
}

const mark = (r: CheckResult) => (r.badness === null ? " " : r.badness === 0 ? "✓" : "✗");

/** Failing checks first, the largest exposure on top; then the passing ones, then those that do not apply. */
export function orderedResults(score: Score): CheckResult[] {
  const rank = (r: CheckResult) => (r.badness === null ? -2 : r.badness === 0 ? -1 : (r.exposureTenths ?? 0));
  return [...score.results].sort((a, b) => rank(b) - rank(a));
}

export const levelFace: Record<string, string> = {
  PERFECT: "🤩",
  SAFE: "😀",
  OK: "🙂",
  MEDIUM: "😐",
  EXPOSED: "🙁",
  UNSAFE: "😨",
  DANGEROUS: "😫",
};

export function formatTable(outcome: SecurityOutcome): string {
  if (outcome.kind !== "score") return `${outcome.unit}: ${outcome.reason}\n`;
  const rows = orderedResults(outcome.score);
  const nameWidth = Math.max(4, ...rows.map((r) => r.check.name.length));
  const descWidth = Math.max(11, ...rows.map((r) => r.description.length));
  const line = (m: string, name: string, desc: string, exp: string) =>
    `${m} ${name.padEnd(nameWidth)} ${desc.padEnd(descWidth)} ${exp}`.trimEnd();
  const out = [line(" ", "NAME", "DESCRIPTION", "EXPOSURE")];
  for (const r of rows) {
    const exposure = r.badness ? formatExposure(r.exposureTenths ?? 0) : "";
    out.push(line(mark(r), r.check.name, r.description, exposure));
  }
  const { exposureTenths, level } = outcome.score;
  out.push(
    "",
    `→ Overall exposure level for ${outcome.unit}: ${formatExposure(exposureTenths)} ${level} ${levelFace[level] ?? ""}`.trimEnd(),
  );
  return `${out.join("\n")}\n`;
}
