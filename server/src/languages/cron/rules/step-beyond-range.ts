import { fieldProblemRule } from "./field-problems.js";

export const stepBeyondRange = fieldProblemRule(
  "step-beyond-range",
  "warning",
  "A step wider than its range (`*/70` in minutes): cron accepts it and selects only the first value.",
);
