/**
 * Timers in the editor: the rules that need a workspace (timers and sockets; fixtures under
 * test/fixtures/systemd-workspace/<rule>/, linted with the folder's unit
 * files as the workspace), the quick fixes of systemd/timespan-as-calendar,
 * hover and completion on OnCalendar=.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readExpectations } from "../helpers/expectations.js";
import { applyEdits, at } from "../helpers/language.js";
import { lintText } from "../helpers/lint.js";

const workspaceFixtures = "test/fixtures/systemd-workspace";
const timer = "/etc/systemd/system/job.timer";

describe("timer rules with a workspace", () => {
  for (const folder of readdirSync(workspaceFixtures)) {
    const dir = join(workspaceFixtures, folder);
    if (!statSync(dir).isDirectory()) continue;
    const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile());
    for (const file of files) {
      it(`${folder}/${file}`, () => {
        const text = readFileSync(join(dir, file), "utf8");
        const expected = readExpectations(text).filter((e) => e.rule === `systemd/${folder}`);
        const actual = lintText(`/etc/systemd/system/${file}`, text, undefined, undefined, files).filter(
          (d) => d.rule === `systemd/${folder}`,
        );
        assert.deepEqual(
          actual.map((d) => d.range.start.line),
          expected.map((e) => e.line),
          `findings: ${actual.map((d) => `${d.range.start.line + 1}: ${d.message}`).join("; ") || "none"}`,
        );
        for (const [i, e] of expected.entries()) {
          const d = actual[i];
          assert.ok(d && (!e.messagePart || d.message.includes(e.messagePart)), `line ${e.line + 1}: ${d?.message}`);
          if (e.startColumn !== undefined) assert.deepEqual([d.range.start.character, d.range.end.character], [e.startColumn, e.endColumn]);
        }
      });
    }
  }

  it("says nothing when the timer is the only unit the workspace knows", () => {
    const text = "[Timer]\nOnCalendar=daily\n";
    assert.deepEqual(
      lintText(timer, text, undefined, undefined, ["job.timer"]).filter((d) => d.rule === "systemd/timer-unit-missing"),
      [],
    );
  });

  const socket = "[Socket]\nListenStream=/run/app.sock\n";
  const socketFindings = (path: string) =>
    lintText(path, socket, undefined, undefined, ["app.socket", "other.service"]).filter(
      (d) => d.rule === "systemd/socket-service-missing",
    );

  it("reports a socket of the administrator's whose service is missing", () => {
    assert.equal(socketFindings("/etc/systemd/system/app.socket").length, 1);
    assert.equal(socketFindings("/srv/units/app.socket").length, 1);
  });

  it("says nothing about a socket in a package's unit directory, whose service another package may ship", () => {
    for (const dir of [
      "/usr/lib/systemd/system",
      "/lib/systemd/system",
      "/usr/lib/systemd/user",
      "/usr/share/systemd/user",
      "/pkg/root/usr/local/lib/systemd/system",
    ])
      assert.deepEqual(socketFindings(`${dir}/app.socket`), [], dir);
  });
});

/** Applies a fix (by title prefix) of the first diagnostic of a rule. */
function fix(text: string, rule: string, title?: string): string {
  const d = lintText(timer, text).find((x) => x.rule === rule);
  assert.ok(d, `no ${rule} diagnostic`);
  const f = title ? d.fixes?.find((x) => x.title.startsWith(title)) : (d.fixes?.find((x) => x.preferred) ?? d.fixes?.[0]);
  assert.ok(f, `no fix ${title ?? "(preferred)"}: ${d.fixes?.map((x) => x.title).join(", ")}`);
  return applyEdits(text, f.edits);
}

describe("systemd/timespan-as-calendar quick fixes", () => {
  const text = "[Timer]\nOnCalendar=5min\n";

  it("prefers a monotonic timer that repeats: OnBootSec= and OnUnitActiveSec=", () => {
    assert.equal(fix(text, "systemd/timespan-as-calendar"), "[Timer]\nOnBootSec=5min\nOnUnitActiveSec=5min\n");
  });

  it("offers OnUnitActiveSec=, OnBootSec= and the equivalent calendar event", () => {
    assert.equal(fix(text, "systemd/timespan-as-calendar", "Use OnUnitActiveSec="), "[Timer]\nOnUnitActiveSec=5min\n");
    assert.equal(fix(text, "systemd/timespan-as-calendar", "Use OnBootSec="), "[Timer]\nOnBootSec=5min\n");
    assert.equal(fix(text, "systemd/timespan-as-calendar", "Use the calendar event"), "[Timer]\nOnCalendar=*:0/5\n");
  });

  it("offers no calendar event for a span that does not divide the day", () => {
    const d = lintText(timer, "[Timer]\nOnCalendar=7min\n").find((x) => x.rule === "systemd/timespan-as-calendar");
    assert.ok(d);
    assert.equal(
      d.fixes?.some((f) => f.title.startsWith("Use the calendar event")),
      false,
    );
  });

  it("keeps the indentation of the line it splits", () => {
    assert.equal(fix("[Timer]\n  OnCalendar=1h\n", "systemd/timespan-as-calendar"), "[Timer]\n  OnBootSec=1h\n  OnUnitActiveSec=1h\n");
  });
});

describe("OnCalendar= hover", () => {
  it("shows the normalized form and the next five elapses, escaping the value's Markdown", () => {
    const hover = at(timer, "[Timer]\nOnCalendar=*-*-* 0|8:00\n").hover();
    assert.ok(hover);
    assert.match(hover.contents, /^\*\*OnCalendar=\\\*\\-\\\*\\-\\\* 08:00\*\*/, "the asterisks of the value are not emphasis");
    assert.match(hover.contents, /Normalized: `\*-\*-\* 08:00:00`/);
    assert.ok((hover.contents.match(/08:00:00/g) ?? []).length >= 6, "the normalized form and five elapses");
    assert.deepEqual(hover.range, { start: { line: 1, character: 11 }, end: { line: 1, character: 22 } });
  });

  it("says when a spec never elapses", () => {
    assert.match(at(timer, "[Timer]\nOnCalendar=*-02-3|0\n").hover()?.contents ?? "", /Never elapses/);
  });

  it("falls back to the directive's documentation for an invalid value", () => {
    assert.match(at(timer, "[Timer]\nOnCalendar=fo|o\n").hover()?.contents ?? "", /OnCalendar=/);
  });
});

describe("OnCalendar= completion", () => {
  it("offers the shorthands and the weekdays at the start of the value", () => {
    const labels = at(timer, "[Timer]\nOnCalendar=|\n").labels();
    for (const word of [
      "minutely",
      "hourly",
      "daily",
      "weekly",
      "monthly",
      "yearly",
      "annually",
      "quarterly",
      "semiannually",
      "Mon",
      "Sun",
    ]) {
      assert.ok(labels.includes(word), `${word} missing from ${labels.join(" ")}`);
    }
    assert.ok(!labels.includes("anually"), "the undocumented misspelling is not offered");
  });

  it("shows each shorthand's normalized form", () => {
    const daily = at(timer, "[Timer]\nOnCalendar=da|\n")
      .completions()
      .find((c) => c.label === "daily");
    assert.equal(daily?.detail, "*-*-* 00:00:00");
    assert.deepEqual(daily?.range, { start: { line: 1, character: 11 }, end: { line: 1, character: 13 } });
  });

  it("continues a weekday list or range with weekdays only", () => {
    const labels = at(timer, "[Timer]\nOnCalendar=Mon..|\n").labels();
    assert.ok(labels.includes("Fri"));
    assert.ok(!labels.includes("daily"));
    assert.deepEqual(at(timer, "[Timer]\nOnCalendar=Mon 12:|\n").labels(), []);
  });
});
