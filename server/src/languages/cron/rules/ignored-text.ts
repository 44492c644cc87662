import { fieldProblemRule } from "./field-problems.js";

export const ignoredText = fieldProblemRule(
  "ignored-text",
  "warning",
  "Text after a value in a time field that cron skips without a word (`5;x`, `1-5-7`, `*5`).",
);
