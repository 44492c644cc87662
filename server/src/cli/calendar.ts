import { runCalendarAnalysis } from "../languages/calendar/analyze-calendar.js";
import { processEnvironment } from "../languages/calendar/environment.js";
import { parseTimestamp } from "../languages/calendar/parse-timestamp.js";
import type { CommandIO } from "./lint.js";

export const calendarUsage = "etcetera calendar [--iterations N] [--base-time T] [--format text|json] EXPR...";

const USEC_INFINITY = (1n << 64n) - 1n;

interface CalendarOptions {
  iterations: string | undefined;
  baseTime: string | undefined;
  format: string;
  expressions: string[];
}

/** Options anywhere on the line, `--opt value` or `--opt=value`, `--` ends them: as systemd-analyze's getopt reads them. */
function parseOptions(argv: string[]): CalendarOptions | string {
  const options: CalendarOptions = { iterations: undefined, baseTime: undefined, format: "text", expressions: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      options.expressions.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      options.expressions.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    if (name !== "--iterations" && name !== "--base-time" && name !== "--format") {
      return arg.startsWith("--") ? `unrecognized option '${arg}'` : `invalid option -- '${arg[1]}'`;
    }
    let value: string | undefined = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) return `option '${name}' requires an argument`;
    if (name === "--iterations") options.iterations = value;
    else if (name === "--base-time") options.baseTime = value;
    else options.format = value;
    value = undefined;
  }
  return options;
}

/** `safe_atou()`: white space, then a number (0x/0o/0b/0 prefixes allowed), nothing after it, no minus sign. */
function parseIterations(text: string): number | undefined {
  const s = text.replace(/^[ \t\n\r]+/, "");
  const m = /^\+?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return /^-0+$/.test(s) ? 0 : undefined;
  const digits = m[1] as string;
  const value = /^0[bBoO]/.test(digits)
    ? Number.parseInt(digits.slice(2), digits[1]?.toLowerCase() === "b" ? 2 : 8)
    : /^0[xX]/.test(digits)
      ? Number.parseInt(digits.slice(2), 16)
      : digits.length > 1 && digits.startsWith("0")
        ? Number.parseInt(digits, 8)
        : Number(digits);
  return value <= 0xffffffff ? value : undefined;
}

/** `etcetera calendar`: the output of systemd 252's `systemd-analyze calendar`, or the same data as JSON. */
export function runCalendar(argv: string[], io: CommandIO): number {
  const options = parseOptions(argv);
  if (typeof options === "string") {
    io.stderr(`etcetera calendar: ${options}\n`);
    return 1;
  }
  if (options.format !== "text" && options.format !== "json") {
    io.stderr(`etcetera calendar: unknown --format '${options.format}'; use text or json\n`);
    return 2;
  }
  const env = processEnvironment();
  let iterations = 1;
  if (options.iterations !== undefined) {
    const n = parseIterations(options.iterations);
    if (n === undefined) {
      io.stderr(`Failed to parse iterations: ${options.iterations}\n`);
      return 1;
    }
    iterations = n;
  }
  let base: bigint | undefined;
  if (options.baseTime !== undefined) {
    base = parseTimestamp(options.baseTime, { ...env, now: env.now() });
    if (base === undefined) {
      io.stderr(`Failed to parse --base-time= parameter: ${options.baseTime}\n`);
      return 1;
    }
    // systemd keeps "infinity" as "no base time given".
    if (base === USEC_INFINITY) base = undefined;
  }
  if (options.expressions.length === 0) {
    io.stderr("Too few arguments.\n");
    return 1;
  }
  const run = runCalendarAnalysis(options.expressions, iterations, base, env);
  if (options.format === "json") {
    io.stdout(`${JSON.stringify(run.reports, null, 2)}\n`);
  } else {
    io.stdout(run.stdout);
    io.stderr(run.stderr);
  }
  return run.exitCode;
}
