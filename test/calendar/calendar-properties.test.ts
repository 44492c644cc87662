/**
 * Properties of the calendar engine that hold for any input: parsing any
 * string gives a spec or an error (never an exception, never a hang), an
 * error points inside the input, a valid spec normalizes to a text that
 * parses to the same normalized form, and successive elapses strictly
 * increase. "No hang" is a liveness bound (the test's timeout), not a timing
 * assertion.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { runCalendarAnalysis } from "../../server/src/languages/calendar/analyze-calendar.js";
import { formatSpec } from "../../server/src/languages/calendar/format-spec.js";
import { nextElapse } from "../../server/src/languages/calendar/next-elapse.js";
import { type ParseEnvironment, parseCalendarSpec } from "../../server/src/languages/calendar/parse-spec.js";
import { parseTimestamp } from "../../server/src/languages/calendar/parse-timestamp.js";
import { namedZone, timezoneIsValid, zoneFromTz } from "../../server/src/languages/calendar/zone-files.js";
import { generateExpression, mutate, Random } from "./generator.js";

const LIVENESS_MS = 120_000;
const now = 1_711_802_096_000_000n;

function environment(tz: string) {
  return { zone: zoneFromTz(tz), mktime: { offset: 0 }, now: () => now, namedZone, timezoneIsValid };
}

const utc = environment("UTC");
const parseEnv: ParseEnvironment = { tzname: () => utc.zone.tzname, timezoneIsValid };

/** Strings from systemd's own alphabet, so that many of them get deep into the parser. */
const calendarChars = fc.constantFrom(..."0123456789*-~:.,/@ MonTueWedFriSatSunUTCdailyweeklyEurope/Berlin".split(""));
const calendarish = fc.oneof(
  fc.string({ unit: calendarChars, maxLength: 40 }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer({ min: 1, max: 2 ** 31 - 1 }).map((seed) => {
    const r = new Random(seed);
    const e = generateExpression(r);
    return r.chance(0.5) ? mutate(r, e) : e;
  }),
);

/** Valid specs from the grammar-based generator. */
const validSpecs = fc
  .integer({ min: 1, max: 2 ** 31 - 1 })
  .map((seed) => generateExpression(new Random(seed)))
  .filter((e) => parseCalendarSpec(e, parseEnv).ok);

describe("calendar engine properties", { timeout: LIVENESS_MS }, () => {
  it("any string gives a spec or an error pointing inside the input, never an exception", () => {
    fc.assert(
      fc.property(calendarish, (text) => {
        const r = parseCalendarSpec(text, parseEnv);
        if (r.ok) return;
        const length = text.includes("\0") ? text.indexOf("\0") : text.length;
        assert.ok(r.from >= 0 && r.from <= r.to && r.to <= Math.max(length, r.from + 1), `${JSON.stringify(text)}: ${r.from}..${r.to}`);
        assert.ok(r.reason.length > 0);
        assert.ok(["EINVAL", "ERANGE", "ENOBUFS"].includes(r.errno));
      }),
      { numRuns: 4000 },
    );
  });

  it("the normalized form is a fixed point: it parses to itself", () => {
    fc.assert(
      fc.property(validSpecs, (text) => {
        const r = parseCalendarSpec(text, parseEnv);
        assert.ok(r.ok);
        const normalized = formatSpec(r.spec, utc.zone.tzname);
        const again = parseCalendarSpec(normalized, parseEnv);
        assert.ok(again.ok, `${normalized} (from ${text}) does not parse: ${again.ok ? "" : again.reason}`);
        assert.equal(formatSpec(again.spec, utc.zone.tzname), normalized);
      }),
      { numRuns: 1500 },
    );
  });

  it("successive elapses strictly increase, in UTC and across DST changes", () => {
    for (const tz of ["UTC", "Europe/Berlin", "Australia/Lord_Howe"]) {
      const env = environment(tz);
      const local: ParseEnvironment = { tzname: () => env.zone.tzname, timezoneIsValid };
      fc.assert(
        fc.property(validSpecs, fc.bigInt({ min: 0n, max: 4_102_444_800_000_000n }), (text, base) => {
          const r = parseCalendarSpec(text, local);
          if (!r.ok) return;
          let at = base;
          for (let i = 0; i < 8; i++) {
            const next = nextElapse(r.spec, at, env, namedZone);
            if (!next.ok) return;
            assert.ok(next.usec > at, `${tz} ${text}: ${next.usec} after ${at}`);
            at = next.usec;
          }
        }),
        { numRuns: 300 },
      );
    }
  });

  it("the systemd-analyze emulation never throws and ends every line", () => {
    fc.assert(
      fc.property(fc.array(calendarish, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 6 }), (texts, iterations) => {
        const run = runCalendarAnalysis(texts, iterations, now, environment("Europe/Berlin"));
        assert.ok(run.exitCode === 0 || run.exitCode === 1);
        if (run.stderr) assert.ok(run.stderr.endsWith("\n"));
      }),
      { numRuns: 800 },
    );
  });

  it("parsing any time stamp never throws", () => {
    fc.assert(
      fc.property(calendarish, (text) => {
        parseTimestamp(text, { ...utc, now });
      }),
      { numRuns: 3000 },
    );
  });
});
