import { runCalendarAnalysis } from "../languages/calendar/analyze-calendar.js";
import { processEnvironment } from "../languages/calendar/environment.js";
import { parseTimestamp } from "../languages/calendar/parse-timestamp.js";
import type { CommandIO } from "./command.js";

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

/** strtoul() with base 0 (0x hex, 0 octal, else decimal), 2 or 8: value, and where the digits end (0: none). */
function strtoul(s: string, base: 0 | 2 | 8): { value: bigint; end: number } {
  let p = 0;
  while (/[ \t\n\v\f\r]/.test(s[p] ?? "")) p++;
  let negative = false;
  if (s[p] === "+" || s[p] === "-") negative = s[p++] === "-";
  let radix: number = base;
  if (base === 0) {
    if (s[p] === "0" && (s[p + 1] === "x" || s[p + 1] === "X") && /[0-9a-fA-F]/.test(s[p + 2] ?? "")) {
      radix = 16;
      p += 2;
    } else radix = s[p] === "0" ? 8 : 10;
  }
  const digits = p;
  while (p < s.length && Number.parseInt(s[p] as string, radix) >= 0) p++;
  if (p === digits) return { value: 0n, end: 0 };
  const value = [...s.slice(digits, p)].reduce((v, c) => v * BigInt(radix) + BigInt(Number.parseInt(c, radix)), 0n);
  return { value: negative ? -value : value, end: p };
}

/** `safe_atou()` of systemd 252: white space, 0b/0o prefixes or C's, nothing after the number, no negative value. */
function parseIterations(text: string): number | undefined {
  let s = text.replace(/^[ \t\n\r]+/, "");
  let base: 0 | 2 | 8 = 0;
  if (/^0[bB]/.test(s)) base = 2;
  else if (/^0[oO]/.test(s)) base = 8;
  if (base !== 0) s = s.slice(2);
  const r = strtoul(s, base);
  if (r.end === 0 || r.end !== s.length) return undefined;
  if (r.value < 0n || r.value > 0xffffffffn) return undefined;
  return Number(r.value);
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
