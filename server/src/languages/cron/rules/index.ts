import type { CronRule } from "../rule.js";
import { carriageReturn } from "./carriage-return.js";
import { dayOr } from "./day-or.js";
import { fieldCount } from "./field-count.js";
import { fieldRange } from "./field-range.js";
import { ignoredFileName } from "./ignored-file-name.js";
import { ignoredText } from "./ignored-text.js";
import { invalidEnv } from "./invalid-env.js";
import { invalidField } from "./invalid-field.js";
import { missingUser } from "./missing-user.js";
import { neverRunsRule } from "./never-runs.js";
import { noFinalNewline } from "./no-final-newline.js";
import { reversedRange } from "./reversed-range.js";
import { stepBeyondRange } from "./step-beyond-range.js";
import { unescapedPercent } from "./unescaped-percent.js";
import { unknownName } from "./unknown-name.js";
import { unsupportedEnv } from "./unsupported-env.js";
import { unsupportedSyntax } from "./unsupported-syntax.js";
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
  ignoredFileName,
  unsupportedEnv,
  unescapedPercent,
  reversedRange,
  stepBeyondRange,
  ignoredText,
  neverRunsRule,
  dayOr,
  carriageReturn,
];
