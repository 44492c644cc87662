import { validateTimespanValue } from "./scalars.js";
import { ok, type ValueValidator } from "./types.js";

/**
 * OnCalendar= takes a calendar event; the full engine arrives with the
 * calendar language (issue 4). Until then only the time-span directives of
 * [Timer] are checked here, and calendar expressions are accepted.
 */
export const validateTimer: ValueValidator = (value, ctx) => {
  if (ctx.directive.name === "OnCalendar") return ok;
  return validateTimespanValue(value, ctx);
};
