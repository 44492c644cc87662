/** Hover on an OnCalendar= value: what systemd makes of it and when it elapses next. */

import type { Hover } from "../../core/language.js";
import { escapeMarkdown, inlineCode } from "../../core/markdown.js";
import { checkCalendar, elapseOutlook, localZoneName, upcomingElapses } from "../calendar/calendar.js";
import type { Entry } from "./parser.js";

const manPage = "https://www.freedesktop.org/software/systemd/man/systemd.time.html#Calendar%20Events";
const COUNT = 5;

/** Undefined for a value that is not a valid calendar event (its diagnostic says why). */
export function calendarHover(entry: Entry): Hover | undefined {
  const r = checkCalendar(entry.value);
  if (!r.ok) return undefined;
  const lines = [`**OnCalendar=${escapeMarkdown(entry.value)}**`, "", `Normalized: ${inlineCode(r.normalized)}`, ""];
  const elapses = upcomingElapses(r.spec, COUNT);
  if (elapses.length === 0) {
    const outlook = elapseOutlook(r.spec);
    lines.push(
      outlook === "past"
        ? "Elapses no more: all its times are in the past."
        : outlook === "stuck"
          ? "systemd gives up computing the next elapse (it logs “Infinite loop in calendar calculation”)."
          : "Never elapses: no date matches it.",
    );
  } else {
    const next = `Next ${elapses.length === 1 ? "elapse" : `${elapses.length} elapses`}`;
    // Where local time is UTC the two columns would say the same thing twice.
    if (elapses.every((e) => e.local === e.utc)) lines.push(`${next} (UTC):`, "", ...elapses.map((e) => `- ${e.utc}`));
    else {
      lines.push(`${next} (this machine's zone, ${localZoneName()}, and UTC):`, "");
      lines.push("| local | UTC |", "|---|---|", ...elapses.map((e) => `| ${e.local} | ${e.utc} |`));
    }
  }
  lines.push("", `[systemd.time(7)](${manPage})`);
  return { range: entry.valueRange, contents: lines.join("\n") };
}
