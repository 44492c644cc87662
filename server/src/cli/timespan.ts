import { trimEndWhile } from "../core/text.js";
import { processEnvironment } from "../languages/calendar/environment.js";
import { parseCalendarSpec } from "../languages/calendar/parse-spec.js";
import { parseTimestamp } from "../languages/calendar/parse-timestamp.js";
import { formatTimespan, parseTimespan } from "../languages/calendar/timespan.js";
import type { CommandIO } from "./command.js";

/**
 * systemd-analyze prints the input in a two-column table: each line of a
 * cell loses its trailing whitespace, trailing empty lines are dropped, and
 * further lines are indented to the value column.
 */
function tableCell(text: string): string {
  const lines = text.split("\n").map((l) => trimEndWhile(l, (c) => c === " " || c === "\t" || c === "\n" || c === "\r"));
  while (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines.join(`\n${" ".repeat(10)}`);
}

/** The notices systemd-analyze adds when a refused span is another kind of time (time_parsing_hint()). */
function hints(text: string): string[] {
  const env = processEnvironment();
  const out: string[] = [];
  if (parseCalendarSpec(text, { tzname: () => env.zone.tzname, timezoneIsValid: (n) => env.timezoneIsValid(n) }).ok) {
    out.push(`Hint: this expression is a valid calendar specification. Use 'systemd-analyze calendar "${text}"' instead?`);
  }
  if (parseTimestamp(text, { ...env, now: env.now() }) !== undefined) {
    out.push(`Hint: this expression is a valid timestamp. Use 'systemd-analyze timestamp "${text}"' instead?`);
  }
  return out;
}

/** `etcetera timespan SPAN...`: the output of `systemd-analyze timespan`, line for line. */
export function runTimespan(argv: string[], io: CommandIO): number {
  const spans = argv[0] === "--" ? argv.slice(1) : argv;
  for (let i = 0; i < spans.length; i++) {
    const input = spans[i] as string;
    const r = parseTimespan(input);
    if (!r.ok) {
      io.stderr(`Failed to parse time span '${input}': ${r.outOfRange ? "Numerical result out of range" : "Invalid argument"}\n`);
      for (const hint of hints(input)) io.stderr(`${hint}\n`);
      return 1;
    }
    io.stdout(`Original: ${tableCell(input)}\n      μs: ${r.value}\n   Human: ${formatTimespan(r.value)}\n`);
    if (i < spans.length - 1) io.stdout("\n");
  }
  return 0;
}
