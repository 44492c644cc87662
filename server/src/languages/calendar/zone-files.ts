/**
 * Finding zones the way glibc and systemd do: $TZ, /etc/localtime, the
 * compiled files under /usr/share/zoneinfo. The only module of the calendar
 * engine that touches the file system; where there are no zone files
 * (Windows), Intl stands in.
 */
import { readFileSync, readlinkSync, statSync } from "node:fs";
import { IntlZone, intlKnowsZone, intlLocalZoneName } from "./intl-zone.js";
import { isTzif, parseTzif, type TzifData } from "./tzif.js";
import { PosixZone, TzifZone, type Zone } from "./zone.js";

/** systemd looks for zones here, whatever $TZDIR says. */
const SYSTEMD_ZONEINFO = "/usr/share/zoneinfo";
const TZDEFAULT = "/etc/localtime";

const fileCache = new Map<string, TzifData | null>();

function readZoneFile(path: string): TzifData | undefined {
  let data = fileCache.get(path);
  if (data === undefined) {
    try {
      data = parseTzif(readFileSync(path)) ?? null;
    } catch {
      data = null;
    }
    fileCache.set(path, data);
  }
  return data ?? undefined;
}

let zoneinfoPresent: boolean | undefined;
function haveZoneFiles(): boolean {
  if (zoneinfoPresent === undefined) {
    try {
      zoneinfoPresent = statSync(SYSTEMD_ZONEINFO).isDirectory();
    } catch {
      zoneinfoPresent = false;
    }
  }
  return zoneinfoPresent;
}

const validity = new Map<string, boolean>();

/** systemd's `timezone_is_valid()`: a plausible name whose file under /usr/share/zoneinfo is a TZif file. */
export function timezoneIsValid(name: string): boolean {
  if (name === "") return false;
  if (name === "UTC") return true;
  if (name.startsWith("/") || name.endsWith("/") || name.includes("//")) return false;
  if (!/^[A-Za-z0-9_+/-]+$/.test(name) || name.length >= 4096) return false;
  let valid = validity.get(name);
  if (valid === undefined) {
    if (haveZoneFiles()) {
      try {
        const path = `${SYSTEMD_ZONEINFO}/${name}`;
        valid = statSync(path).isFile() && isTzif(readFileSync(path).subarray(0, 4));
      } catch {
        valid = false;
      }
    } else {
      valid = intlKnowsZone(name);
    }
    if (validity.size > 1024) validity.clear();
    validity.set(name, valid);
  }
  return valid;
}

/** The zone glibc's tzset() sets up for a $TZ value (undefined: $TZ unset). */
export function zoneFromTz(tz: string | undefined): Zone {
  let spec = tz === "" ? "Universal" : tz;
  if (spec?.startsWith(":")) spec = spec.slice(1);
  const file = spec === undefined ? TZDEFAULT : spec.startsWith("/") ? spec : `${process.env.TZDIR || SYSTEMD_ZONEINFO}/${spec}`;
  const data = readZoneFile(file);
  if (data) return new TzifZone(spec ?? localZoneLinkName(), data);
  if (!haveZoneFiles()) {
    // No compiled zones on this machine: take the name as an IANA zone if Intl knows it.
    const name = spec ?? intlLocalZoneName();
    if (intlKnowsZone(name)) return new IntlZone(name);
  }
  if (spec === undefined || spec === "" || spec === TZDEFAULT) return new PosixZone("UTC", undefined);
  return new PosixZone(spec, spec);
}

/** The zone name /etc/localtime links to ("Europe/Berlin"), for messages; the path itself when it is no link. */
function localZoneLinkName(): string {
  try {
    const target = readlinkSync(TZDEFAULT);
    const at = target.indexOf("zoneinfo/");
    return at >= 0 ? target.slice(at + "zoneinfo/".length) : target;
  } catch {
    return TZDEFAULT;
  }
}

/** The local zone of this process, from $TZ or /etc/localtime. */
export function localZone(): Zone {
  return zoneFromTz(process.env.TZ);
}

/** The zone of a calendar spec's time zone suffix, as systemd's helper process sees it with TZ=":NAME". */
export function namedZone(name: string): Zone {
  return zoneFromTz(`:${name}`);
}
