import { pathParts } from "../../core/kinds.js";
import type { LanguageContext } from "../../core/language.js";
import type { Dialect } from "./data.js";
import { type CronFile, type EnvLine, jobParts } from "./parser.js";
import type { CronCheckContext, JobInfo } from "./rule.js";
import { compileFields, specialSchedule } from "./schedule.js";

/** The dialect in force: the setting, else Debian's cron. */
export function dialectOf(ctx: LanguageContext): Dialect {
  return ctx.settings.cron?.dialect ?? "debian";
}

/** /etc/crontab and files under a cron.d directory carry a user field; other crontabs are per-user. */
export function describeCronPath(path: string): { system: boolean; inCronD: boolean; fileName: string } {
  const parts = pathParts(path);
  const fileName = parts[parts.length - 1] ?? "";
  const parent = parts[parts.length - 2] ?? "";
  const inCronD = parent === "cron.d";
  const etcCrontab = fileName === "crontab" && parent === "etc";
  return { system: inCronD || etcCrontab, inCronD, fileName };
}

const envAttempt = /^\s*("[^"]*"|'[^']*'|[^\s="']+)\s*=/;

export function cronContext(file: CronFile, lctx: LanguageContext): CronCheckContext {
  const { system, inCronD, fileName } = describeCronPath(lctx.path);
  const dialect = dialectOf(lctx);
  const jobs: JobInfo[] = [];
  const envs: EnvLine[] = [];
  for (const line of file.lines) {
    if (line.kind === "env") envs.push(line);
    if (line.kind !== "job") continue;
    const parts = jobParts(line, system);
    const compiled = line.special
      ? undefined
      : compileFields(
          line.fields.map((f) => f.text),
          dialect,
        );
    const schedule = line.special ? specialSchedule(line.special.text, dialect) : compiled?.schedule;
    jobs.push({
      job: line,
      compiled,
      schedule,
      user: parts.user,
      command: parts.command,
      commandStart: parts.commandStart,
      envLike: envAttempt.test(line.text) && !schedule,
      env: [...envs],
    });
  }
  return {
    ...lctx,
    file,
    system,
    inCronD,
    fileName,
    dialect,
    jobs,
    envs,
    lineRange: (job, start, end) => ({ start: file.positionAt(job.offset + start), end: file.positionAt(job.offset + end) }),
  };
}
