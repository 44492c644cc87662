import { fieldProblemRule } from "./field-problems.js";

export const reversedRange = fieldProblemRule(
  "reversed-range",
  "warning",
  "A range whose start is past its end (`17-9`): cron accepts it and selects nothing, ranges do not wrap around.",
);
