import type { Fix } from "../../../core/diagnostic.js";
import { checkCalendar } from "../../calendar/calendar.js";
import { formatTimespan, parseTimespan } from "../../calendar/timespan.js";
import type { Entry } from "../parser.js";
import { allEntries, type UnitCheckContext, type UnitRule } from "../rule.js";

/** A calendar event that elapses every `usec`, when the span divides the day evenly. */
function calendarEvery(usec: bigint): string | undefined {
  if (usec <= 0n || usec % 1_000_000n !== 0n) return undefined;
  const s = Number(usec / 1_000_000n);
  const candidate =
    s === 604800
      ? "weekly"
      : s === 86400
        ? "daily"
        : s === 3600
          ? "hourly"
          : s === 60
            ? "minutely"
            : s % 3600 === 0 && 24 % (s / 3600) === 0 && s < 86400
              ? `0/${s / 3600}:00`
              : s % 60 === 0 && 60 % (s / 60) === 0 && s < 3600
                ? `*:0/${s / 60}`
                : s < 60 && 60 % s === 0
                  ? `*:*:0/${s}`
                  : undefined;
  return candidate && checkCalendar(candidate).ok ? candidate : undefined;
}

function fixes(ctx: UnitCheckContext, entry: Entry, calendar: string | undefined): Fix[] {
  const line = ctx.unit.lines[entry.range.start.line] ?? "";
  const indent = line.slice(0, entry.keyRange.start.character);
  const renameTo = (key: string, title: string, preferred = false): Fix => ({
    title,
    preferred,
    edits: [{ range: entry.keyRange, newText: key }],
  });
  const out: Fix[] = [
    {
      title: `Repeat every ${entry.value}: OnBootSec=${entry.value} and OnUnitActiveSec=${entry.value}`,
      preferred: true,
      edits: [{ range: entry.range, newText: `OnBootSec=${entry.value}\n${indent}OnUnitActiveSec=${entry.value}` }],
    },
    renameTo("OnUnitActiveSec", `Use OnUnitActiveSec=${entry.value} (${entry.value} after each start of the unit)`),
    renameTo("OnBootSec", `Use OnBootSec=${entry.value} (once, ${entry.value} after boot)`),
  ];
  if (calendar)
    out.push({ title: `Use the calendar event OnCalendar=${calendar}`, edits: [{ range: entry.valueRange, newText: calendar }] });
  return out;
}

/** `OnCalendar=5min`: a time span where systemd expects a calendar event; it ignores the setting. */
export const timespanAsCalendar: UnitRule = {
  meta: {
    id: "systemd/timespan-as-calendar",
    severity: "error",
    doc: "OnCalendar= holds a time span (5min, 1h): systemd cannot parse it as a calendar event and ignores it. Monotonic timers use OnBootSec=/OnUnitActiveSec=.",
  },
  check(ctx, report) {
    for (const entry of allEntries(ctx.unit)) {
      if (entry.section.name !== "Timer" || entry.key !== "OnCalendar" || entry.value === "" || entry.value.includes("%")) continue;
      const span = parseTimespan(entry.value);
      if (!span.ok || checkCalendar(entry.value).ok) continue;
      const calendar = calendarEvery(span.value);
      report(
        entry.valueRange,
        `'${entry.value}' is a time span (${formatTimespan(span.value)}), not a calendar event; systemd ignores OnCalendar=${entry.value}. ` +
          `To run every ${entry.value}, use OnBootSec= with OnUnitActiveSec=${entry.value}${calendar ? `, or OnCalendar=${calendar}` : ""}.`,
        fixes(ctx, entry, calendar),
      );
    }
  },
};
