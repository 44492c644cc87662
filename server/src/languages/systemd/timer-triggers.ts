/**
 * What a timer unit ends up with after systemd has read its [Timer]
 * sections (config_parse_timer() and config_parse_bool() in
 * src/core/load-fragment.c): all On…Sec= and OnCalendar= values share one
 * list, an empty assignment of any of them clears the whole list, a value
 * systemd cannot parse is dropped; OnClockChange= and OnTimezoneChange= are
 * booleans where the last valid one wins.
 */
import { checkCalendar } from "../calendar/calendar.js";
import { parseTimespan } from "../calendar/timespan.js";
import type { Entry, UnitFile } from "./parser.js";
import { parseBoolean } from "./values/scalars.js";

export const timerValueKeys = new Set(["OnActiveSec", "OnBootSec", "OnStartupSec", "OnUnitActiveSec", "OnUnitInactiveSec", "OnCalendar"]);
const flagKeys = new Set(["OnClockChange", "OnTimezoneChange"]);

export interface TimerTriggers {
  /** The On…= values systemd keeps, in file order. */
  values: Entry[];
  /** OnClockChange= / OnTimezoneChange= that end up on. */
  flags: Entry[];
  /** Trigger assignments systemd drops, and why. */
  dropped: { entry: Entry; why: "invalid" | "reset" | "off" }[];
}

/** Whether systemd can parse a trigger value (values with specifiers are given the benefit of the doubt). */
export function triggerValueParses(entry: Entry): boolean {
  if (entry.value.includes("%")) return true;
  return entry.key === "OnCalendar" ? checkCalendar(entry.value).ok : parseTimespan(entry.value).ok;
}

export function timerTriggers(unit: UnitFile): TimerTriggers {
  const out: TimerTriggers = { values: [], flags: [], dropped: [] };
  const flags = new Map<string, Entry>();
  for (const section of unit.sections) {
    if (section.name !== "Timer") continue;
    for (const entry of section.entries) {
      if (timerValueKeys.has(entry.key)) {
        if (entry.value === "") {
          out.dropped.push(...out.values.map((e) => ({ entry: e, why: "reset" as const })));
          out.values = [];
        } else if (triggerValueParses(entry)) {
          out.values.push(entry);
        } else {
          out.dropped.push({ entry, why: "invalid" });
        }
      } else if (flagKeys.has(entry.key)) {
        const on = parseBoolean(entry.value);
        if (on === undefined) out.dropped.push({ entry, why: "invalid" });
        else flags.set(entry.key, entry);
      }
    }
  }
  for (const entry of flags.values()) {
    if (parseBoolean(entry.value)) out.flags.push(entry);
    else out.dropped.push({ entry, why: "off" });
  }
  return out;
}

/** The last valid value of a boolean [Timer] setting. */
export function timerBoolean(unit: UnitFile, key: string): { entry: Entry; value: boolean } | undefined {
  let found: { entry: Entry; value: boolean } | undefined;
  for (const section of unit.sections) {
    if (section.name !== "Timer") continue;
    for (const entry of section.entries) {
      if (entry.key !== key) continue;
      const value = parseBoolean(entry.value);
      if (value !== undefined) found = { entry, value };
    }
  }
  return found;
}
