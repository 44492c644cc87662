import { checkCalendar, upcomingElapses } from "../../calendar/calendar.js";
import type { UnitRule } from "../rule.js";
import { timerTriggers } from "../timer-triggers.js";

const shorthands = /^(minutely|hourly|daily|weekly|monthly|yearly|annually|anually|quarterly|semi-?annually|bi-?annually)$/i;
const SHOWN = 5;

export const calendarLinesAddUp: UnitRule = {
  meta: {
    id: "systemd/calendar-lines-add-up",
    severity: "info",
    doc: "Several OnCalendar= lines where one is a shorthand (daily, weekly, ...): the lines add up rather than narrow each other down, so the timer runs at every one of them. The message lists the combined next elapses.",
  },
  check(ctx, report) {
    if (ctx.type !== "timer" || ctx.info.isDropIn) return;
    const calendars = timerTriggers(ctx.unit).values.filter((e) => e.key === "OnCalendar" && !e.value.includes("%"));
    if (calendars.length < 2 || !calendars.some((e) => shorthands.test(e.value.trim()))) return;
    const elapses = calendars
      .flatMap((e) => {
        const r = checkCalendar(e.value);
        return r.ok ? upcomingElapses(r.spec, SHOWN) : [];
      })
      .sort((a, b) => (a.usec < b.usec ? -1 : a.usec > b.usec ? 1 : 0))
      .filter((e, i, all) => i === 0 || all[i - 1]?.usec !== e.usec)
      .slice(0, SHOWN);
    const second = calendars[1];
    if (!second) return;
    const listed = calendars.map((e) => `'${e.value}'`).join(" and ");
    const next = elapses.length > 0 ? ` Next together: ${elapses.map((e) => e.local).join(", ")}.` : "";
    report(
      second.range,
      `OnCalendar= lines add up, they do not narrow each other down: this timer elapses at ${listed}, each on its own.${next} For one schedule, write it in one OnCalendar= line.`,
    );
  },
};
