import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultSettings } from "../../server/src/core/settings.js";
import { logrotateLanguage as lang } from "../../server/src/languages/logrotate/index.js";
import { cursor } from "../helpers/lint.js";

const ctx = { path: "/etc/logrotate.d/app", settings: defaultSettings, workspace: { unitNames: () => [] } };

function complete(textWithCursor: string) {
  const { text, position } = cursor(textWithCursor);
  return lang.complete(lang.parse(text), position, ctx);
}

describe("logrotate completion, hover, outline, folding", () => {
  it("completes directives, without global-only ones inside a block", () => {
    const global = complete("tab|\n").map((c) => c.label);
    assert.ok(global.includes("tabooext") && global.includes("daily"));
    const inBlock = complete("/var/log/a.log {\n    ro|\n}\n");
    assert.ok(inBlock.some((c) => c.label === "rotate" && c.insertText === `rotate $${"{"}1:4}`));
    assert.ok(!inBlock.some((c) => c.label === "tabooext"));
    assert.deepEqual(inBlock[0]?.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 6 } });
    assert.deepEqual(complete("/var/log/a.log {\n    rotate 4|\n}\n"), []);
    assert.deepEqual(complete("/var/log/a.log {\n  postrotate\n    kil|\n  endscript\n}\n"), []);
  });

  it("hovers a directive with its argument, scope, section, release and man page link", () => {
    const doc = lang.parse("/var/log/a.log {\n    maxsize 10M\n    tabooext .x\n}\n");
    const h = lang.hover(doc, { line: 1, character: 6 }, ctx);
    assert.ok(h);
    assert.match(h.contents, /\*\*maxsize\*\* \*size\*/);
    assert.match(h.contents, /global section or a log block/);
    assert.match(h.contents, /3\.8\.1/);
    assert.match(h.contents, /https:\/\/man7\.org\/linux\/man-pages\/man8\/logrotate\.8\.html#FILE_SELECTION/);
    assert.deepEqual(h.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 11 } });
    assert.match(lang.hover(doc, { line: 2, character: 5 }, ctx)?.contents ?? "", /global section only/);
    assert.match(lang.hover(doc, { line: 0, character: 3 }, ctx)?.contents ?? "", /log file pattern/);
  });

  it("outlines blocks by their paths and folds blocks and scripts", () => {
    const doc = lang.parse('weekly\n"/var/log/a b.log" /var/log/c.log {\n  daily\n  postrotate\n    kill -HUP 1\n  endscript\n}\n');
    const symbols = lang.symbols(doc);
    assert.deepEqual(
      symbols.map((s) => [s.name, s.children?.map((c) => c.name)]),
      [
        ["weekly", undefined],
        ["a b.log /var/log/c.log".replace("a b.log", "/var/log/a b.log"), ["daily", "postrotate"]],
      ],
    );
    assert.deepEqual(lang.folding(doc), [
      { startLine: 1, endLine: 6, kind: "region" },
      { startLine: 3, endLine: 5, kind: "region" },
    ]);
  });

  it("never throws on garbage", () => {
    for (const t of ["{", "}", '"', "/x {\n postrotate", "\u0000\uFEFF{}}{", "a=b\n/x\n", "/x { daily } }\n", "'"])
      assert.doesNotThrow(() => lang.diagnose(lang.parse(t), ctx));
  });
});
