import cronstrue from "cronstrue";
import { type Dialect, fields, specialInfo } from "./data.js";
import type { FieldValue } from "./fields.js";
import { formatRun, localZoneName, nextRuns } from "./next-runs.js";
import { compileFields, neverRuns, type Schedule, specialSchedule } from "./schedule.js";

/** A schedule explained: an English sentence corrected for cron's day rule, and the next runs. */
export interface Explanation {
  schedule?: Schedule;
  sentence: string;
  /** Why cron rejects the schedule, when it does. */
  error?: string;
  dayRule?: string;
  never?: string;
  runs: Date[];
}

/** The values cron selected, as a field text cronstrue reads the way cron does. */
function canonical(values: Set<number>, index: number): string {
  const info = fields[index] as (typeof fields)[number];
  const sorted = [...values].filter((v) => !(index === 4 && v === 7)).sort((a, b) => a - b);
  const full = index === 4 ? 7 : info.max - info.min + 1;
  if (sorted.length === full) return "*";
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}-${sorted[j]}` : sorted.slice(i, j + 1).join(","));
    i = j + 1;
  }
  return parts.join(",");
}

/** Field texts for cronstrue: as written where cron reads them plainly, else the values cron computed. */
function describableFields(values: FieldValue[]): string[] {
  return values.map((v, i) => {
    const plain = v.problems.length === 0 && !(i === 4 && /(^|[,-])7($|[,/-])/.test(v.read));
    return plain ? v.read : canonical(v.values, i) || "*";
  });
}

function sentenceOf(texts: string[]): string {
  try {
    return cronstrue.toString(texts.join(" "), {
      use24HourTimeFormat: true,
      dayOfWeekStartIndexZero: true,
      throwExceptionOnParseError: true,
    });
  } catch {
    return `On the schedule ${texts.join(" ")}`;
  }
}

function dayRuleOf(s: Schedule): string | undefined {
  const domRestricted = s.dom.size < 31;
  const dowRestricted = s.dow.size < 8;
  if (!domRestricted || !dowRestricted) return undefined;
  if (!s.domStar && !s.dowStar)
    return "cron runs it on days that match the day of month **or** the day of week (both fields are restricted, so either one is enough).";
  return "cron runs it only on days that match **both** day fields: one of them starts with `*`, which turns off cron's OR rule.";
}

export function explainFields(texts: readonly string[], dialect: Dialect, now: Date, count = 5): Explanation {
  const { schedule, values } = compileFields(texts, dialect);
  if (!schedule) {
    const problem = values.flatMap((v) => v.problems).find((p) => p.kind !== "ignored-text");
    return { sentence: "", error: problem?.message ?? "cron rejects this schedule", runs: [] };
  }
  return finish(schedule, sentenceOf(describableFields(values)), now, count);
}

export function explainSpecial(name: string, dialect: Dialect, now: Date, count = 5): Explanation {
  const schedule = specialSchedule(name, dialect);
  if (!schedule) return { sentence: "", error: `cron does not know '${name}'`, runs: [] };
  if (schedule.reboot) return { schedule, sentence: "Once, when the cron daemon starts at boot", runs: [] };
  return finish(schedule, `${sentenceOf((specialInfo(name)?.expansion ?? "").split(" "))} (${name})`, now, count);
}

function finish(schedule: Schedule, sentence: string, now: Date, count: number): Explanation {
  const never = neverRuns(schedule);
  return {
    schedule,
    sentence: never ? "Never" : schedule.random ? `${sentence}; cronie picks the '~' values at random when it loads the file` : sentence,
    dayRule: never ? undefined : dayRuleOf(schedule),
    never,
    runs: never ? [] : nextRuns(schedule, now, count),
  };
}

/** Markdown for a hover or `etcetera cron explain`. */
export function explanationMarkdown(e: Explanation, plain = false): string {
  const b = (s: string) => (plain ? s.replace(/\*\*/g, "").replace(/`/g, "") : s);
  if (e.error) return b(`cron rejects this schedule: ${e.error}`);
  const parts = [plain ? e.sentence : `**${e.sentence}**`];
  if (e.never) parts.push(b(`This job never runs: ${e.never}.`));
  if (e.dayRule) parts.push(b(e.dayRule));
  if (e.runs.length > 0)
    parts.push(
      `${plain ? "Next runs" : "Next runs"} (${localZoneName()}):\n${e.runs.map((r) => `${plain ? "  " : "- "}${formatRun(r)}`).join("\n")}`,
    );
  return parts.join("\n\n");
}
