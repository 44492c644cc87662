import { fieldProblemRule } from "./field-problems.js";

export const fieldRange = fieldProblemRule(
  "field-range",
  "error",
  "A time field value outside its range (minute 0-59, hour 0-23, day 1-31, month 1-12, weekday 0-7): cron rejects the line.",
);
