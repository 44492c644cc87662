/**
 * Next runs and timers follow the daemon's rules: cron-parser (used to walk
 * the calendar) must agree with a direct walk over cron's matching rule on
 * random schedules, the explanations must state the day rule cron applies,
 * and every timer `to-timer` writes must elapse exactly when cron runs the
 * job, by our evaluator, by the OnCalendar engine when it is there and by
 * systemd-analyze when it is installed.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import fc from "fast-check";
import { generate, outputFile, sharedDataDir } from "../../server/scripts/generate-cron-data.js";
import { defaultSettings } from "../../server/src/core/settings.js";
import { cronContext } from "../../server/src/languages/cron/context.js";
import { explainFields } from "../../server/src/languages/cron/explain.js";
import { nextRuns, referenceRuns } from "../../server/src/languages/cron/next-runs.js";
import { onCalendarLines, onCalendarRuns } from "../../server/src/languages/cron/on-calendar.js";
import { parseCrontab } from "../../server/src/languages/cron/parser.js";
import { compileFields, matches, type Schedule } from "../../server/src/languages/cron/schedule.js";
import { convertJob, splitCronCommand, unitQuote } from "../../server/src/languages/cron/timer.js";

process.env.TZ = "UTC";
const base = new Date("2026-03-01T10:17:00Z");

const schedule = (expr: string): Schedule => {
  const s = compileFields(expr.split(" "), "debian").schedule;
  if (!s) throw new Error(`cron rejects ${expr}`);
  return s;
};

/** Field texts in every form cron reads: values, ranges, steps, lists, names, '*' and '*\/n'. */
function fieldText(min: number, max: number, names: string[] = []): fc.Arbitrary<string> {
  const value = fc.integer({ min, max });
  const element = fc.oneof(
    value.map(String),
    fc.tuple(value, value).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.tuple(value, value, fc.integer({ min: 1, max: max - min + 2 })).map(([a, b, s]) => `${Math.min(a, b)}-${Math.max(a, b)}/${s}`),
    ...(names.length ? [fc.constantFrom(...names)] : []),
  );
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant("*") },
    fc.integer({ min: 1, max: 12 }).map((s) => `*/${s}`),
    fc.array(element, { minLength: 1, maxLength: 3 }).map((a) => a.join(",")),
  );
}

const expressions = fc
  .tuple(
    fieldText(0, 59),
    fieldText(0, 23),
    fieldText(1, 31),
    fieldText(1, 12, ["jan", "feb", "jun", "dec"]),
    fieldText(0, 7, ["mon", "fri", "sun"]),
  )
  .map((f) => f.join(" "));

describe("cron next runs", () => {
  it("cron-parser, corrected, agrees with cron's own matching rule", () => {
    fc.assert(
      fc.property(expressions, (expr) => {
        const s = schedule(expr);
        const ours = referenceRuns(s, base, 25).map((d) => d.toISOString());
        assert.deepEqual(
          nextRuns(s, base, 25).map((d) => d.toISOString()),
          ours,
          expr,
        );
        for (const iso of ours) {
          const d = new Date(iso);
          const fields = { minute: d.getMinutes(), hour: d.getHours(), day: d.getDate(), month: d.getMonth() + 1, weekday: d.getDay() };
          assert.ok(matches(s, fields), `${expr} does not match ${iso}`);
        }
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it("applies the OR rule only when neither day field starts with '*'", () => {
    const days = (expr: string) =>
      referenceRuns(schedule(expr), new Date("2026-05-31T12:00:00Z"), 6).map((d) => d.toISOString().slice(0, 10));
    // Day 1 or 15, or any Friday.
    assert.deepEqual(days("0 0 1,15 * 5"), ["2026-06-01", "2026-06-05", "2026-06-12", "2026-06-15", "2026-06-19", "2026-06-26"]);
    // '*/2' starts with '*': odd days that are Mondays (cron-parser alone would take every odd day and every Monday).
    assert.deepEqual(days("0 0 */2 * mon"), ["2026-06-01", "2026-06-15", "2026-06-29", "2026-07-13", "2026-07-27", "2026-08-03"]);
    assert.match(explainFields("0 0 */2 * mon".split(" "), "debian", base).dayRule ?? "", /both/);
    assert.match(explainFields("0 0 1,15 * 5".split(" "), "debian", base).dayRule ?? "", /\*\*or\*\*/);
  });

  it("reads fields as cron does, not as cron-parser would", () => {
    assert.deepEqual([...schedule("*/70 * * * *").minute], [0]);
    assert.equal(schedule("0 17-9 * * *").hour.size, 0);
    assert.deepEqual([...schedule("5;x * * * *").minute], [5]);
    assert.deepEqual([...schedule("0 0 * * 7").dow].sort(), [0, 7]);
    assert.equal(nextRuns(schedule("0 0 30 2 *"), base, 3).length, 0);
    assert.equal(explainFields("*/70 * * * *".split(" "), "debian", base).sentence, "Every hour");
  });
});

describe("cron to-timer", () => {
  it("writes OnCalendar= lines that elapse exactly when cron runs, on 1,000 runs", () => {
    fc.assert(
      fc.property(expressions, (expr) => {
        const s = schedule(expr);
        const cron = referenceRuns(s, base, 1000).map((d) => d.getTime());
        assert.deepEqual(
          onCalendarRuns(onCalendarLines(s), base, 1000).map((d) => d.getTime()),
          cron,
          expr,
        );
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  const systemdAnalyze = existsSync("/usr/bin/systemd-analyze");
  it("agrees with systemd-analyze calendar on the lines it writes", {
    skip: systemdAnalyze ? false : "systemd-analyze is not installed",
  }, () => {
    const samples = fc.sample(expressions, { numRuns: 40, seed: 11 });
    for (const expr of samples) {
      const s = schedule(expr);
      const lines = onCalendarLines(s);
      const ours = onCalendarRuns(lines, base, 8).map((d) => d.getTime());
      const theirs = lines.flatMap((line) => {
        const out = execFileSync(
          "systemd-analyze",
          ["calendar", "--iterations=8", `--base-time=${base.toISOString().replace("T", " ").slice(0, 19)} UTC`, line],
          {
            env: { ...process.env, TZ: "UTC" },
            encoding: "utf8",
          },
        );
        return [...out.matchAll(/(?:Next elapse|Iter\. #\d+): \w+ (\S+ \S+) UTC/g)].map((m) => Date.parse(`${m[1]}Z`));
      });
      const union = [...new Set(theirs)].sort((a, b) => a - b).slice(0, 8);
      assert.deepEqual(union, ours, `${expr} -> ${lines.join(" | ")}`);
    }
  });

  it("agrees with the OnCalendar engine (server/src/languages/calendar) when it is there", async (t) => {
    // Loaded by a computed path: the engine is built by another hand and may not be in this checkout yet.
    const dir = "../../server/src/languages/calendar/";
    const engine = await Promise.all([import(`${dir}parse-spec.js`), import(`${dir}next-elapse.js`), import(`${dir}environment.js`)]).catch(
      () => undefined,
    );
    if (!engine) return t.skip("no OnCalendar engine in this checkout");
    const [{ parseCalendarSpec }, { nextElapse }, { processEnvironment }] = engine as [
      { parseCalendarSpec: (s: string, env: unknown) => { ok: boolean; spec?: unknown } },
      { nextElapse: (spec: unknown, base: bigint, ctx: unknown, lookup: unknown) => { ok: boolean; usec?: bigint } },
      { processEnvironment: () => { zone: { tzname: unknown }; namedZone: unknown; timezoneIsValid: (n: string) => boolean } },
    ];
    const env = processEnvironment();
    const parseEnv = { tzname: () => env.zone.tzname, timezoneIsValid: (n: string) => env.timezoneIsValid(n) };
    for (const expr of fc.sample(expressions, { numRuns: 60, seed: 13 })) {
      const lines = onCalendarLines(schedule(expr));
      const theirs: number[] = [];
      for (const line of lines) {
        const parsed = parseCalendarSpec(line, parseEnv);
        assert.ok(parsed.ok, `the engine refuses ${line}`);
        let at = BigInt(base.getTime()) * 1000n;
        for (let i = 0; i < 50; i++) {
          const next = nextElapse(parsed.spec, at, env, env.namedZone);
          if (!next.ok || next.usec === undefined) break;
          theirs.push(Number(next.usec / 1000n));
          at = next.usec;
        }
      }
      const union = [...new Set(theirs)].sort((a, b) => a - b).slice(0, 50);
      assert.deepEqual(
        union,
        onCalendarRuns(lines, base, 50).map((d) => d.getTime()),
        `${expr} -> ${lines.join(" | ")}`,
      );
    }
  });

  it("carries the user, the environment and the command, and says why when there is no timer", () => {
    const text =
      'SHELL=/bin/bash\nMAILTO=""\n0 4 * * 1-5 backup /usr/bin/backup "$HOME" --to=100\\%%in\n@reboot root /x\n0 0 30 2 * root /y\n';
    const ctx = cronContext(parseCrontab(text), {
      path: "/etc/cron.d/backup",
      settings: defaultSettings,
      workspace: { unitNames: () => [] },
    });
    const [job, reboot, never] = ctx.jobs.map((j) => convertJob(j, ctx, { now: base }));
    assert.ok(job?.ok);
    assert.deepEqual(job.onCalendar, ["Mon..Fri *-*-* 04:00:00"]);
    assert.match(job.service, /^User=backup$/m);
    assert.match(job.service, /^Environment="SHELL=\/bin\/bash" "PATH=\/usr\/bin:\/bin" "MAILTO="$/m);
    assert.match(job.service, /^ExecStart=\/bin\/bash -c "\/usr\/bin\/backup \\"\$\$HOME\\" --to=100%%"$/m);
    assert.match(job.service, /^StandardInputData=aW4=$/m);
    assert.ok(reboot && !reboot.ok && /@reboot/.test(reboot.reason));
    assert.ok(never && !never.ok && /never runs/.test(never.reason));
  });

  it("splits commands at the first unescaped % as cron does", () => {
    assert.deepEqual(splitCronCommand("mail -s hi joe%Joe,%%Where%"), { command: "mail -s hi joe", stdin: "Joe,\n\nWhere\n" });
    assert.deepEqual(splitCronCommand("date +\\%Y"), { command: "date +%Y" });
    assert.equal(unitQuote('a "b" $c 5%'), '"a \\"b\\" $$c 5%%"');
  });
});

describe("cron data", () => {
  it("is generated from ../shared/data/cron-fields.tsv and up to date", {
    skip: existsSync(sharedDataDir) ? false : "../shared/data is not beside this checkout",
  }, () => {
    assert.equal(readFileSync(outputFile, "utf8"), generate());
  });
});
