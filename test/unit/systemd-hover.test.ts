import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { at } from "../helpers/language.js";

const service = "/etc/systemd/system/app.service";

describe("systemd hover", () => {
  it("explains a directive: value kind, allowed values, version, man page link", () => {
    const hover = at(service, "[Service]\nRest|art=always\n").hover();
    assert.ok(hover);
    assert.match(hover.contents, /\*\*Restart=\*\*/);
    assert.match(hover.contents, /`on-failure`/);
    assert.match(hover.contents, /systemd\.service\.html#Restart=/);
    assert.deepEqual(hover.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 7 } });
  });

  it("tells the version that added a directive", () => {
    assert.match(at(service, "[Service]\nRestartSt|eps=5\n").hover()?.contents ?? "", /Added in systemd 254/);
  });

  it("shows the total of a time span", () => {
    assert.match(at(service, "[Service]\nTimeoutStartSec=1h 3|0min\n").hover()?.contents ?? "", /1h 30min \(5,400 s\)/);
  });

  it("explains a specifier", () => {
    const hover = at(service, "[Service]\nExecStart=/usr/bin/app %|i\n").hover();
    assert.match(hover?.contents ?? "", /^`%i` — instance name/);
  });

  it("explains a section header", () => {
    assert.match(at(service, "[Inst|all]\n").hover()?.contents ?? "", /systemctl enable/);
  });

  it("says nothing on unknown directives and blank lines", () => {
    assert.equal(at(service, "[Service]\nFoo|Bar=1\n").hover(), undefined);
    assert.equal(at(service, "[Service]\n|\n").hover(), undefined);
  });
});

describe("systemd hover shows user text as written", () => {
  it("escapes Markdown in a section name", () => {
    const contents = at(service, "[Foo_|bar*]\n").hover()?.contents ?? "";
    assert.ok(contents.startsWith("**\\[Foo\\_bar\\*\\]**"), contents);
  });

  it("says OnCalendar= takes a calendar event, not a time span", () => {
    const contents = at("/etc/systemd/system/a.timer", "[Timer]\nOnCal|endar=daily\n").hover()?.contents ?? "";
    assert.match(contents, /Value: calendar event/);
    assert.doesNotMatch(contents, /time span/);
  });
});
