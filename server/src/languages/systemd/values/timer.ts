import { checkCalendar } from "../../calendar/calendar.js";
import { parseTimespan } from "../../calendar/timespan.js";
import { validateTimespanValue } from "./scalars.js";
import { ok, problem, type ValueValidator } from "./types.js";

/**
 * OnCalendar= takes a calendar event, checked by the calendar engine as
 * systemd 252 parses it; the other [Timer] directives of this parser take
 * time spans.
 */
export const validateTimer: ValueValidator = (value, ctx) => {
  if (ctx.directive.name !== "OnCalendar") return validateTimespanValue(value, ctx);
  // systemd expands specifiers before parsing; a time span is reported by systemd/timespan-as-calendar with its fix.
  if (value === "" || value.includes("%") || parseTimespan(value).ok) return ok;
  const r = checkCalendar(value);
  if (r.ok) return ok;
  // Point at the offending text; a problem at the very end marks the last character.
  const end = Math.min(value.length, Math.max(r.to, r.from + 1));
  const start = Math.min(r.from, Math.max(0, end - 1));
  const stop = /[?.]$/.test(r.reason) ? "" : ".";
  return problem(`Invalid calendar event '${value}': ${r.reason}${stop} systemd ignores this setting.`, start, end);
};
