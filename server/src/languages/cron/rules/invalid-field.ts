import { fieldProblemRule } from "./field-problems.js";

export const invalidField = fieldProblemRule(
  "invalid",
  "error",
  "A time field cron cannot read: a value missing after ',' '-' or '/' (`0,`, `1-`, `*/-1`), a stray character, a word too long: cron rejects the line.",
);
