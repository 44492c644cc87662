import { checkCalendar } from "../calendar/calendar.js";
import { processEnvironment } from "../calendar/environment.js";
import { nextElapse } from "../calendar/next-elapse.js";
import { formatRun, referenceRuns } from "./next-runs.js";
import { onCalendarLines } from "./on-calendar.js";
import type { CronCheckContext, JobInfo } from "./rule.js";
import { unescapedPercents } from "./rules/unescaped-percent.js";
import { neverRuns } from "./schedule.js";

/**
 * A crontab job as a systemd .timer + .service pair, or the reason there is
 * no exact equivalent. The timer's OnCalendar= lines are checked on the next
 * 1,000 runs: cron's rule against the calendar engine (systemd's algorithm)
 * before anything is produced.
 */
export type TimerConversion =
  | { ok: true; name: string; timer: string; service: string; onCalendar: string[]; notes: string[] }
  | { ok: false; reason: string };

export interface ConversionOptions {
  /** Unit name without suffix. */
  name?: string;
  /** For a user crontab: make system units running as this user (else user units). */
  user?: string;
  /** Where the comparison starts (tests pin it). */
  now?: Date;
}

const COMPARED_RUNS = 1000;
/** Debian's cron starts jobs with this PATH (_PATH_DEFPATH). */
const CRON_PATH = "/usr/bin:/bin";

/** cron's do_command(): the command ends at the first unescaped %, `\%` becomes %, the rest is standard input. */
export function splitCronCommand(command: string): { command: string; stdin?: string } {
  const cut = unescapedPercents(command)[0];
  const head = (cut === undefined ? command : command.slice(0, cut)).replace(/\\%/g, "%");
  if (cut === undefined) return { command: head };
  let stdin = "";
  let escaped = false;
  for (const ch of command.slice(cut + 1)) {
    if (escaped) {
      if (ch !== "%") stdin += "\\";
    } else if (ch === "%") {
      stdin += "\n";
      continue;
    }
    escaped = !escaped && ch === "\\";
    if (!escaped) stdin += ch;
  }
  if (escaped) stdin += "\\";
  return { command: head, stdin };
}

/** One argument for a unit file command line: quoted, with `%` specifiers and `$` expansion escaped. */
export function unitQuote(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/%/g, "%%").replace(/\$/g, "$$$$")}"`;
}

function envAssignment(name: string, value: string): string {
  return unitQuote(`${name}=${value}`).replace(/\$\$/g, "$");
}

/**
 * The next elapses of a timer with these OnCalendar= lines, from the
 * calendar engine (systemd's own algorithm, in this process's time zone):
 * the union of the lines' elapses, as the timer fires.
 */
export function timerRuns(lines: readonly string[], after: Date, count: number): Date[] | string {
  const env = processEnvironment();
  const all = new Set<number>();
  for (const line of lines) {
    const check = checkCalendar(line);
    if (!check.ok) return `systemd would refuse OnCalendar=${line}`;
    let at = BigInt(after.getTime()) * 1000n;
    for (let i = 0; i < count; i++) {
      const next = nextElapse(check.spec, at, env, env.namedZone);
      if (!next.ok) break;
      all.add(Number(next.usec / 1000n));
      at = next.usec;
    }
  }
  return [...all]
    .sort((a, b) => a - b)
    .slice(0, count)
    .map((t) => new Date(t));
}

/** Words that start a command line without being the program the job is about (wrappers, tests, separators). */
const wrapperWords = new Set(
  ["cd", "test", "[", "[[", "sleep", "nice", "ionice", "timeout", "flock", "env", "exec", "nohup", "chronic"].concat([
    "command",
    "time",
    "sudo",
    "su",
    "if",
    "then",
    "!",
  ]),
);
/** Wrappers whose next word is their own argument, not the program. */
const takesArgument = new Set(["cd", "sleep", "timeout", "flock"]);

/** The program a command line is about, as a unit-name word: `/usr/local/bin/backup.sh --x` → `backup`. */
export function commandBaseName(command: string): string | undefined {
  const words = command.split(/\s+|(?=[;|&])|(?<=[;|&])/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (/^\w+=/.test(word) || word.startsWith("-") || /^[;|&]+$/.test(word) || /^\d+$/.test(word)) continue;
    if (wrapperWords.has(word)) {
      if (takesArgument.has(word)) {
        while (words[i + 1]?.startsWith("-")) i++;
        i++;
      }
      continue;
    }
    const base = (word.split("/").pop() ?? "").replace(/\.(sh|py|pl|rb|php|bash)$/, "");
    const clean = base.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
    if (clean) return clean;
  }
  return undefined;
}

/**
 * `cron-<program>` for a job (`cron-backup`), numbered when an earlier job of
 * the same crontab has the same program; `cron-<file>` when no program shows.
 */
export function unitNameFor(info: JobInfo, ctx: CronCheckContext): string {
  const baseOf = (j: JobInfo) =>
    commandBaseName(splitCronCommand(j.command).command) ?? (ctx.fileName.replace(/[^A-Za-z0-9_-]/g, "-").replace(/^-+|-+$/g, "") || "job");
  const base = baseOf(info);
  const earlier = ctx.jobs.filter((j) => j.job.line < info.job.line && baseOf(j) === base).length;
  return earlier === 0 ? `cron-${base}` : `cron-${base}-${earlier + 1}`;
}

function describeJob(command: string): string {
  const flat = command.replace(/\r$/, "").replace(/\s+/g, " ").trim();
  const short = flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
  return `cron job: ${short}`.replace(/%/g, "%%");
}

export function convertJob(info: JobInfo, ctx: CronCheckContext, options: ConversionOptions = {}): TimerConversion {
  const { job } = info;
  if (info.envLike || (!info.schedule && !job.special))
    return { ok: false, reason: "cron rejects this line, so there is nothing to convert" };
  if (job.special?.text === "@reboot")
    return {
      ok: false,
      reason:
        "@reboot runs when the cron daemon starts; no OnCalendar= matches that. Use a service with WantedBy=multi-user.target instead.",
    };
  const s = info.schedule;
  if (!s) return { ok: false, reason: `cron does not know '${job.special?.text}'` };
  if (s.random)
    return { ok: false, reason: "cronie picks '~' values at random when it loads the crontab; a timer cannot pick the same value" };
  const never = neverRuns(s);
  if (never) return { ok: false, reason: `the job never runs (${never}), so no timer is equivalent` };
  if (info.command.trim() === "") return { ok: false, reason: "the job has no command" };
  if (ctx.system && !info.user) return { ok: false, reason: "the line has no user field" };

  const onCalendar = onCalendarLines(s);
  const now = options.now ?? new Date();
  const cronRuns = referenceRuns(s, now, COMPARED_RUNS);
  const timer = timerRuns(onCalendar, now, COMPARED_RUNS);
  if (typeof timer === "string") return { ok: false, reason: timer };
  const mismatch = cronRuns.findIndex((r, i) => r.getTime() !== timer[i]?.getTime());
  if (mismatch >= 0 || cronRuns.length !== timer.length) {
    const at = mismatch >= 0 ? mismatch : Math.min(cronRuns.length, timer.length);
    const c = cronRuns[at];
    const t = timer[at];
    return {
      ok: false,
      reason: `no exact OnCalendar= equivalent: run ${at + 1} of ${COMPARED_RUNS} is ${c ? formatRun(c) : "none"} for cron but ${t ? formatRun(t) : "none"} for the timer (cron and systemd treat daylight-saving changes differently)`,
    };
  }

  const env = new Map<string, string>();
  for (const e of info.env) env.set(e.key, e.value);
  const shell = env.get("SHELL") ?? "/bin/sh";
  if (!shell.startsWith("/")) return { ok: false, reason: `SHELL=${shell} is not an absolute path, which ExecStart= needs` };
  const tz = ctx.dialect === "cronie" ? env.get("CRON_TZ") : undefined;
  const user = ctx.system ? info.user?.text : options.user;
  const name = options.name ?? unitNameFor(info, ctx);
  const { command, stdin } = splitCronCommand(info.command.replace(/\r$/, ""));
  const notes: string[] = [
    "A timer does not start the service again while the previous run is still going; cron would start a second copy.",
    "The output goes to the journal (journalctl -u NAME.service) instead of a mail.",
  ];
  if (!user)
    notes.push(
      "These are user units (~/.config/systemd/user): they run while the user is logged in, or always after 'loginctl enable-linger'.",
    );
  if (unescapedPercents(info.command).length > 0)
    notes.push("The command has an unescaped '%': as cron does, the text after it goes to standard input (StandardInputData=).");

  const jobEnv = new Map<string, string>([
    ["SHELL", shell],
    ["PATH", env.get("PATH") ?? CRON_PATH],
  ]);
  for (const [k, v] of env) if (k !== "LOGNAME" && k !== "CRON_TZ" && k !== "RANDOM_DELAY") jobEnv.set(k, v);
  // The file's name, not its local path: the units are committed and deployed elsewhere.
  const source = `${ctx.fileName}, line ${job.line + 1}`;
  const service = [
    `# Converted by etcetera from ${source}:`,
    `#   ${job.text.replace(/\r$/, "")}`,
    "[Unit]",
    // The whole command as cron has it (not cut at its first '%'), shortened for systemctl's listings.
    `Description=${describeJob(info.command)}`,
    "",
    "[Service]",
    "Type=oneshot",
    ...(user ? [`User=${user}`] : []),
    "WorkingDirectory=~",
    `Environment=${[...jobEnv].map(([k, v]) => envAssignment(k, v)).join(" ")}`,
    `ExecStart=${shell} -c ${unitQuote(command)}`,
    ...(stdin !== undefined ? ["StandardInput=data", `StandardInputData=${Buffer.from(stdin).toString("base64")}`] : []),
    "",
  ].join("\n");
  const timerUnit = [
    `# Converted by etcetera from ${source}; checked against cron on the next ${COMPARED_RUNS} runs.`,
    "[Unit]",
    `Description=Timer for ${name}.service (was a cron job)`,
    "",
    "[Timer]",
    ...onCalendar.map((c) => `OnCalendar=${c}${tz ? ` ${tz}` : ""}`),
    "# cron starts jobs within a second of the minute; the default accuracy would allow a minute.",
    "AccuracySec=1s",
    "",
    "[Install]",
    "WantedBy=timers.target",
    "",
  ].join("\n");
  return { ok: true, name, timer: timerUnit, service, onCalendar, notes };
}
