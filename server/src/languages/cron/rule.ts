import type { Fix, RuleMeta } from "../../core/diagnostic.js";
import type { LanguageContext } from "../../core/language.js";
import type { Range } from "../../core/text.js";
import type { Dialect } from "./data.js";
import type { CronFile, EnvLine, JobLine, Token } from "./parser.js";
import type { CompiledFields, Schedule } from "./schedule.js";

/** What the rules know about one job line. */
export interface JobInfo {
  job: JobLine;
  /** The five fields evaluated as cron does (absent for @shorthands). */
  compiled?: CompiledFields;
  /** The schedule when cron accepts the line's time part. */
  schedule?: Schedule;
  /** The user field of a system crontab. */
  user?: Token;
  /** The command text and its offset in the line. */
  command: string;
  commandStart: number;
  /** The line reads like an environment assignment that cron does not accept (`MAILTO=`). */
  envLike: boolean;
  /** Environment lines above the job: cron gives the job the values set so far. */
  env: EnvLine[];
}

export interface CronCheckContext extends LanguageContext {
  file: CronFile;
  /** /etc/crontab and /etc/cron.d/*: a user field after the time fields. */
  system: boolean;
  /** Under a cron.d directory. */
  inCronD: boolean;
  fileName: string;
  dialect: Dialect;
  jobs: JobInfo[];
  envs: EnvLine[];
  /** A range inside a job line, from offsets in the line. */
  lineRange(job: JobLine, start: number, end: number): Range;
}

export type Report = (range: Range, message: string, fixes?: Fix[]) => void;

/** One rule per file, each registered in rules/index.ts. */
export interface CronRule {
  meta: RuleMeta;
  check(ctx: CronCheckContext, report: Report): void;
}
