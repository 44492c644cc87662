/** The time environment of this process: its local zone, its clock, and the zones installed on the machine. */
import type { AnalyzeEnvironment } from "./analyze-calendar.js";
import { localZone, namedZone, timezoneIsValid } from "./zone-files.js";

/** The clock in microseconds since the epoch. */
export function clockNow(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000));
}

/** A fresh process's view of time, as systemd-analyze starts with it. */
export function processEnvironment(now: () => bigint = clockNow): AnalyzeEnvironment {
  return { zone: localZone(), mktime: { offset: 0 }, now, namedZone, timezoneIsValid };
}
