import { checkCalendar, elapseOutlook, localZoneName } from "../../calendar/calendar.js";
import { allEntries, type UnitRule } from "../rule.js";

/** An OnCalendar= value systemd accepts but that will not trigger the timer: no date matches, or all of them are past. */
export const calendarNeverElapses: UnitRule = {
  meta: {
    id: "systemd/calendar-never-elapses",
    severity: "warning",
    doc: "An OnCalendar= value systemd accepts that never elapses: no date matches it (*-02-30, a date on the wrong weekday), all its times are in the past, or systemd gives up searching.",
  },
  check(ctx, report) {
    for (const entry of allEntries(ctx.unit)) {
      if (entry.section.name !== "Timer" || entry.key !== "OnCalendar" || entry.value === "" || entry.value.includes("%")) continue;
      const parsed = checkCalendar(entry.value);
      if (!parsed.ok) continue;
      const outlook = elapseOutlook(parsed.spec);
      const weekdays = parsed.spec.weekdaysBits > 0 ? " (check the weekdays against the dates)" : "";
      const message =
        outlook === "never"
          ? `OnCalendar=${entry.value} never elapses: no date matches ${parsed.normalized}${weekdays}. The timer never triggers from it.`
          : outlook === "past"
            ? `OnCalendar=${entry.value} only matches times in the past; the timer will not trigger from it again.`
            : outlook === "stuck"
              ? `systemd gives up computing when OnCalendar=${entry.value} elapses next (in the time zone ${localZoneName()}): it logs "Infinite loop in calendar calculation" and the timer does not trigger from it.`
              : undefined;
      if (message) report(entry.valueRange, message);
    }
  },
};
