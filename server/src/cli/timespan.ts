import { formatTimespan, parseTimespan } from "../languages/calendar/timespan.js";
import type { CommandIO } from "./lint.js";

/** `etcetera timespan SPAN...`: the output of `systemd-analyze timespan`, line for line. */
export function runTimespan(argv: string[], io: CommandIO): number {
  for (let i = 0; i < argv.length; i++) {
    const input = argv[i] as string;
    const r = parseTimespan(input);
    if (!r.ok) {
      io.stderr(`Failed to parse time span '${input}': ${r.outOfRange ? "Numerical result out of range" : "Invalid argument"}\n`);
      return 1;
    }
    io.stdout(`Original: ${input}\n      μs: ${r.value}\n   Human: ${formatTimespan(r.value)}\n`);
    if (i < argv.length - 1) io.stdout("\n");
  }
  return 0;
}
