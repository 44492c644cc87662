import { fieldProblemRule } from "./field-problems.js";

export const zeroStep = fieldProblemRule("zero-step", "error", "A step of zero (`*/0`): cron rejects the line.");
