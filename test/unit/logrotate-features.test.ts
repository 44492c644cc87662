import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultSettings } from "../../server/src/core/settings.js";
import { directives } from "../../server/src/languages/logrotate/data.js";
import { logrotateLanguage as lang } from "../../server/src/languages/logrotate/index.js";
import { cursor, lintText } from "../helpers/lint.js";

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
    assert.deepEqual(
      complete("/var/log/a.log {\n  postrotate\n    kill -HUP 1\n  end|\n}\n").map((c) => c.label),
      ["endscript"],
    );
  });

  it("hovers a directive with its argument, scope, section, release and man page link", () => {
    const doc = lang.parse("/var/log/a.log {\n    maxsize 10M\n    tabooext .x\n}\n");
    const h = lang.hover(doc, { line: 1, character: 6 }, ctx);
    assert.ok(h);
    assert.match(h.contents, /\*\*maxsize\*\* \*size\*/);
    assert.match(h.contents, /global section .* or a log block/);
    assert.match(h.contents, /Rotates as soon as the log is bigger than this/);
    assert.match(h.contents, /Default: off\./);
    assert.match(h.contents, /3\.8\.1/);
    assert.match(h.contents, /https:\/\/man7\.org\/linux\/man-pages\/man8\/logrotate\.8\.html#FILE_SELECTION/);
    assert.deepEqual(h.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 11 } });
    assert.match(lang.hover(doc, { line: 2, character: 5 }, ctx)?.contents ?? "", /global section only/);
    assert.match(lang.hover(doc, { line: 0, character: 3 }, ctx)?.contents ?? "", /log file pattern/);
  });

  it("shows a pattern with * and _ as written, in a code span, not as emphasis", () => {
    const doc = lang.parse("/var/log/my_app/*_access.log {\n    daily\n}\n");
    const h = lang.hover(doc, { line: 0, character: 12 }, ctx);
    assert.ok(h?.contents.startsWith("`/var/log/my_app/*_access.log`\n"), h?.contents);
  });

  it("offers quick fixes: 100MB to 100M, a misspelled keyword, compress for delaycompress, LF line ends", () => {
    const fixed = (text: string, rule: string) => {
      const d = lintText("/etc/logrotate.d/app", text).find((x) => x.rule === rule);
      const edits = [...(d?.fixes?.[0]?.edits ?? [])].sort(
        (a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
      );
      const lines = text.split("\n");
      const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
      let out = text;
      for (const e of edits) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
      return out;
    };
    assert.equal(fixed("/var/log/a.log {\n    size 100MB\n}\n", "logrotate/invalid-argument"), "/var/log/a.log {\n    size 100M\n}\n");
    assert.equal(fixed("/var/log/a.log {\n    notifempy\n}\n", "logrotate/unknown-directive"), "/var/log/a.log {\n    notifempty\n}\n");
    assert.equal(
      fixed("/var/log/a.log {\n    delaycompress\n}\n", "logrotate/delaycompress-without-compress"),
      "/var/log/a.log {\n    compress\n    delaycompress\n}\n",
    );
    assert.equal(fixed("/var/log/a.log {\r\n    daily\r\n}\r\n", "logrotate/crlf-line-endings"), "/var/log/a.log {\n    daily\n}\n");
    assert.equal(
      fixed("/var/log/my app.log {\n    daily\n}\n", "logrotate/unquoted-path-with-spaces"),
      '"/var/log/my app.log" {\n    daily\n}\n',
    );
  });

  it("describes every directive in its hover: what it does and its default", () => {
    for (const d of directives) {
      const doc = lang.parse(`/var/log/a.log {\n    ${d.name}\n}\n`);
      const h = lang.hover(doc, { line: 1, character: 5 }, ctx);
      assert.ok(h && /Default: /.test(h.contents) && h.contents.split("\n")[2]?.length, d.name);
    }
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
