/**
 * Hover, completion, outline and the timer refactoring of crontabs, as the
 * server runs them (`|` marks the cursor), and the parser's promises: it
 * never throws and every range stays inside the document.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { defaultSettings } from "../../server/src/core/settings.js";
import { cronLanguage } from "../../server/src/languages/cron/index.js";
import { parseCrontab } from "../../server/src/languages/cron/parser.js";
import { at } from "../helpers/language.js";
import { cursor } from "../helpers/lint.js";

process.env.TZ = "UTC";
const ctx = (path: string) => ({ path, settings: defaultSettings, workspace: { unitNames: () => [] } });

describe("cron hover", () => {
  it("explains the schedule in English with cron's day rule and the next five runs", () => {
    const h = at("/home/u/jobs.crontab", "30 4 1,15 * |5 /usr/bin/backup\n").hover();
    assert.ok(h);
    assert.match(h.contents, /\*\*At 04:30, on day 1 and 15 of the month, and on Friday\*\*/);
    assert.match(h.contents, /\*\*or\*\*/);
    assert.equal(h.contents.match(/^- \w{3} \d{4}-\d\d-\d\d 04:30$/gm)?.length, 5);
    assert.deepEqual(h.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 13 } });
  });

  it("says when a job never runs and when cron rejects the schedule", () => {
    assert.match(at("/etc/cron.d/x", "0 0 |30 2 * root job\n").hover()?.contents ?? "", /never runs: no month of Feb has day 30/);
    assert.match(at("/etc/cron.d/x", "|61 * * * * root job\n").hover()?.contents ?? "", /cron rejects this schedule: 61 is out of range/);
    assert.match(at("/home/u/a.crontab", "@reb|oot job\n").hover()?.contents ?? "", /when the cron daemon starts/);
  });

  it("explains variables, the user field and '%'", () => {
    assert.match(at("/home/u/a.crontab", 'MAIL|TO=""\n').hover()?.contents ?? "", /sends no mail/);
    assert.match(at("/etc/cron.d/x", "0 0 * * * ro|ot job\n").hover()?.contents ?? "", /runs as the user \*\*root\*\*/);
    assert.match(at("/home/u/a.crontab", "0 0 * * * date +|%Y\n").hover()?.contents ?? "", /standard input/);
  });
});

describe("cron completion", () => {
  it("offers shorthands and variables at the start of a line", () => {
    const labels = at("/home/u/a.crontab", "|\n").labels();
    for (const l of ["@reboot", "@daily", "@midnight", "MAILTO=", "SHELL=", "PATH="]) assert.ok(labels.includes(l), l);
    assert.ok(!labels.includes("CRON_TZ="), "CRON_TZ= is cronie's");
    assert.ok(!labels.includes("@every"));
  });

  it("offers month names in the month field and weekday names in the weekday field", () => {
    assert.deepEqual(at("/home/u/a.crontab", "0 0 * j|").labels().slice(0, 3), ["jan", "feb", "mar"]);
    assert.deepEqual(at("/home/u/a.crontab", "0 0 * * mon-|").labels().slice(0, 2), ["sun", "mon"]);
    assert.deepEqual(at("/home/u/a.crontab", "0 |").labels(), []);
  });
});

describe("cron outline and refactoring", () => {
  it("lists jobs by command and variables by name", () => {
    const file = parseCrontab("MAILTO=x\n# c\n*/5 * * * * /usr/bin/poll\n@daily run\n");
    assert.deepEqual(
      cronLanguage.symbols(file).map((s) => `${s.name} | ${s.detail}`),
      ["MAILTO= | x", "/usr/bin/poll | */5 * * * *", "run | @daily"],
    );
  });

  it("turns a job line into a timer and a service next to the system's units, or says why not", () => {
    const { text, position } = cursor('MAILTO=""\n0 4 * * 1-5 backup /usr/bin|/backup\n@reboot root /x\n');
    const file = parseCrontab(text);
    const [action] = cronLanguage.refactorings?.(file, { start: position, end: position }, ctx("/srv/etc/cron.d/backup")) ?? [];
    assert.ok(action && !action.disabled);
    assert.deepEqual(
      action.createFiles?.map((f) => f.path),
      ["/srv/etc/systemd/system/cron-backup.timer", "/srv/etc/systemd/system/cron-backup.service"],
    );
    assert.match(action.createFiles?.[0]?.text ?? "", /^OnCalendar=Mon\.\.Fri \*-\*-\* 04:00:00$/m);
    assert.deepEqual(action.edits[0]?.newText, "# Now cron-backup.timer: ");
    const reboot = { line: 2, character: 1 };
    const [disabled] = cronLanguage.refactorings?.(file, { start: reboot, end: reboot }, ctx("/srv/etc/cron.d/backup")) ?? [];
    assert.match(disabled?.disabled ?? "", /@reboot/);
  });
});

describe("cron to-timer names and texts", () => {
  const units = (text: string) => {
    const file = parseCrontab(text);
    return file.lines.flatMap((_, line) => {
      const at = { line, character: 0 };
      const [action] = cronLanguage.refactorings?.(file, { start: at, end: at }, ctx("/home/me/src/etc/cron.d/jobs")) ?? [];
      return action && !action.disabled ? [action] : [];
    });
  };

  it("names units after the program the job runs, numbering repeats, skipping wrappers and their arguments", () => {
    const actions = units(
      [
        "0 1 * * * root /usr/local/bin/backup.sh --full",
        "0 2 * * * root cd /srv/app && nice -n 10 ./report.py > /dev/null",
        "0 3 * * * root [ -x /usr/sbin/logcheck ] && /usr/sbin/logcheck",
        "0 4 * * * root /usr/local/bin/backup.sh --incremental",
        "",
      ].join("\n"),
    );
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        "Convert to a systemd timer (cron-backup.timer)",
        "Convert to a systemd timer (cron-report.timer)",
        "Convert to a systemd timer (cron-logcheck.timer)",
        "Convert to a systemd timer (cron-backup-2.timer)",
      ],
    );
  });

  it("describes the service with the whole command (not cut at '%') and names the crontab without its local path", () => {
    const [action] = units("30 2 * * * root pg_dump app > /var/backups/app-$(date +\\%F).sql\n");
    const service = action?.createFiles?.find((f) => f.path.endsWith(".service"))?.text ?? "";
    assert.match(service, /^Description=cron job: pg_dump app > \/var\/backups\/app-\$\(date \+\\%%F\)\.sql$/m);
    assert.match(service, /^# Converted by etcetera from jobs, line 1:$/m);
    assert.doesNotMatch(service, /\/home\/me/);
  });
});

describe("cron parser", () => {
  const crontabish = fc.array(
    fc.oneof(
      fc.constantFrom("#", "@", "*", "/", "-", ",", "%", "\\", "=", '"', "'", " ", "\t", "\r", "\n", "0", "59", "mon", "jan", "root"),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 60 },
  );
  it("never throws, and every range stays inside the document", () => {
    fc.assert(
      fc.property(
        crontabish.map((parts) => parts.join("")),
        fc.constantFrom("/etc/cron.d/x", "/home/u/a.crontab"),
        (text, path) => {
          const file = parseCrontab(text);
          const lines = file.lineCount;
          for (const d of cronLanguage.diagnose(file, ctx(path))) {
            for (const p of [d.range.start, d.range.end]) assert.ok(p.line >= 0 && p.line < lines && p.character >= 0, JSON.stringify(d));
          }
          cronLanguage.symbols(file);
          cronLanguage.hover(file, { line: 0, character: 1 }, ctx(path));
          cronLanguage.complete(file, { line: 0, character: 0 }, ctx(path));
        },
      ),
      { numRuns: 400, seed: 3 },
    );
  });
});
