/**
 * The zone layer under the calendar engine: compiled zone files read as
 * glibc reads them, and the Intl stand-in used where there are none
 * (Windows) agreeing with them on UTC offsets.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { IntlZone } from "../../server/src/languages/calendar/intl-zone.js";
import { timezoneIsValid, zoneFromTz } from "../../server/src/languages/calendar/zone-files.js";

const haveZoneFiles = existsSync("/usr/share/zoneinfo/Europe/Berlin");

describe("time zones", { skip: haveZoneFiles ? false : "no compiled zone files on this machine" }, () => {
  it("reads a zone file: offsets, DST flags, abbreviations and glibc's tzname", () => {
    const berlin = zoneFromTz("Europe/Berlin");
    const winter = berlin.localtime(1704067200); // 2024-01-01 00:00 UTC
    const summer = berlin.localtime(1719792000); // 2024-07-01 00:00 UTC
    assert.deepEqual([winter?.gmtoff, winter?.isdst, winter?.zone, winter?.hour], [3600, 0, "CET", 1]);
    assert.deepEqual([summer?.gmtoff, summer?.isdst, summer?.zone, summer?.hour], [7200, 1, "CEST", 2]);
    assert.deepEqual(berlin.tzname, ["CET", "CEST"]);
    assert.equal(berlin.timezone, -3600);
    // Far beyond the last transition the footer's rules apply.
    assert.equal(berlin.localtime(4102444800 + 182 * 86400)?.zone, "CEST");
  });

  it("follows $TZ as glibc does: a POSIX string, an empty value, a missing file", () => {
    assert.equal(zoneFromTz("CET-1CEST,M3.5.0,M10.5.0/3").localtime(1719792000)?.gmtoff, 7200);
    assert.deepEqual(zoneFromTz("").tzname, ["UTC", "UTC"]);
    assert.equal(zoneFromTz("Nowhere/Atlantis").localtime(0)?.gmtoff, 0);
  });

  it("knows which zone names systemd accepts", () => {
    for (const name of ["UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires", "Etc/GMT+5"]) assert.ok(timezoneIsValid(name), name);
    for (const name of [
      "",
      "Europe",
      "europe/berlin",
      "/etc/localtime",
      "Europe//Berlin",
      "Europe/Berlin/",
      "../etc/passwd",
      "Mars/Olympus",
    ])
      assert.ok(!timezoneIsValid(name), name);
  });

  it("the Intl stand-in gives the zone file's offsets", () => {
    for (const name of ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "America/Sao_Paulo"]) {
      const file = zoneFromTz(name);
      const intl = new IntlZone(name);
      for (let t = 946684800; t < 1893456000; t += 86400 * 7 + 3607) {
        assert.equal(intl.localtime(t)?.gmtoff, file.localtime(t)?.gmtoff, `${name} at ${t}`);
      }
    }
  });
});
