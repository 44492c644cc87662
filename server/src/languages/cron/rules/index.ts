import type { CronRule } from "../rule.js";
import { ampersandInUrl } from "./ampersand-in-url.js";
import { bashSyntax } from "./bash-syntax.js";
import { byteOrderMark } from "./byte-order-mark.js";
import { carriageReturn } from "./carriage-return.js";
import { commandNotOnPath } from "./command-not-on-path.js";
import { commandTooLong } from "./command-too-long.js";
import { commentCutsCommand } from "./comment-cuts-command.js";
import { commentedCommand } from "./commented-command.js";
import { dayOr } from "./day-or.js";
import { dockerTty } from "./docker-tty.js";
import { duplicateJob } from "./duplicate-job.js";
import { envInlineComment } from "./env-inline-comment.js";
import { envNotExpanded } from "./env-not-expanded.js";
import { envQuotesKept } from "./env-quotes-kept.js";
import { everyMinute } from "./every-minute.js";
import { fieldCount } from "./field-count.js";
import { fieldRange } from "./field-range.js";
import { fileSkipped } from "./file-skipped.js";
import { ignoredFileName } from "./ignored-file-name.js";
import { ignoredText } from "./ignored-text.js";
import { invalidEnv } from "./invalid-env.js";
import { invalidField } from "./invalid-field.js";
import { lineContinuation } from "./line-continuation.js";
import { mailtoTypo } from "./mailto-typo.js";
import { missingUser } from "./missing-user.js";
import { neverRunsRule } from "./never-runs.js";
import { noFinalNewline } from "./no-final-newline.js";
import { relativeCommand } from "./relative-command.js";
import { reversedRange } from "./reversed-range.js";
import { shortMonthDay } from "./short-month-day.js";
import { stepBeyondRange } from "./step-beyond-range.js";
import { sudoInJob } from "./sudo-in-job.js";
import { tzNotForSchedule } from "./tz-not-for-schedule.js";
import { uncheckedCd } from "./unchecked-cd.js";
import { unescapedPercent } from "./unescaped-percent.js";
import { unevenStep } from "./uneven-step.js";
import { unknownName } from "./unknown-name.js";
import { unsafeMailAddress } from "./unsafe-mail-address.js";
import { unsupportedEnv } from "./unsupported-env.js";
import { unsupportedSyntax } from "./unsupported-syntax.js";
import { userField } from "./user-field.js";
import { zeroStep } from "./zero-step.js";

export const cronRules: readonly CronRule[] = [
  fieldCount,
  fieldRange,
  zeroStep,
  invalidField,
  unknownName,
  unsupportedSyntax,
  missingUser,
  invalidEnv,
  noFinalNewline,
  commandTooLong,
  byteOrderMark,
  ignoredFileName,
  fileSkipped,
  unsupportedEnv,
  unescapedPercent,
  reversedRange,
  stepBeyondRange,
  ignoredText,
  neverRunsRule,
  dayOr,
  carriageReturn,
  userField,
  commentedCommand,
  commentCutsCommand,
  envNotExpanded,
  envInlineComment,
  envQuotesKept,
  mailtoTypo,
  unsafeMailAddress,
  tzNotForSchedule,
  commandNotOnPath,
  relativeCommand,
  bashSyntax,
  everyMinute,
  lineContinuation,
  shortMonthDay,
  unevenStep,
  uncheckedCd,
  sudoInJob,
  dockerTty,
  ampersandInUrl,
  duplicateJob,
];
