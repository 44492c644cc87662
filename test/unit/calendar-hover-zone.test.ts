/**
 * The OnCalendar= hover lists the next elapses in the machine's zone and in
 * UTC, as two columns only where they differ. The calendar engine reads the
 * zone once per process, so each case runs in a process of its own with TZ set.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";

const script = `
import { at } from "./test/helpers/language.ts";
const hover = at("/etc/systemd/system/a.timer", "[Timer]\\nOnCalendar=Mon..Fri 0|8:00\\n").hover();
process.stdout.write(hover ? hover.contents : "");
`;

function hoverIn(tz: string): string {
  return execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    env: { ...process.env, TZ: tz },
    encoding: "utf8",
  });
}

describe("OnCalendar= hover and the local zone", () => {
  it("shows local and UTC side by side where the zone is not UTC", () => {
    const contents = hoverIn("Europe/Berlin");
    assert.match(contents, /this machine's zone, Europe\/Berlin, and UTC/);
    const rows = contents.split("\n").filter((l) => /^\| (Mon|Tue|Wed|Thu|Fri) /.test(l));
    assert.equal(rows.length, 5, contents);
    for (const row of rows) assert.match(row, /^\| \w{3} \d{4}-\d\d-\d\d 08:00:00 CES?T \| \w{3} \d{4}-\d\d-\d\d 0[67]:00:00 UTC \|$/);
  });

  it("shows one column where local time is UTC", () => {
    const contents = hoverIn("UTC");
    assert.doesNotMatch(contents, /\| local \| UTC \|/);
    const rows = contents.split("\n").filter((l) => /^- (Mon|Tue|Wed|Thu|Fri) /.test(l));
    assert.equal(rows.length, 5, contents);
    for (const row of rows) assert.match(row, /^- \w{3} \d{4}-\d\d-\d\d 08:00:00 UTC$/);
  });
});
