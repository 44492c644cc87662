/**
 * Properties of the logrotate parser and lint that hold for any input: no
 * exception, every range inside the document, and a CPU budget per input of
 * up to 64 KiB (the bound: 50 ms for the parser). Each input gets the
 * best of several runs, and one over the budget is measured again at a quarter
 * of its size (overBudget() in hostile.ts): it fails when it is far over the
 * budget or grows faster than its input. A loaded CI machine took 65-94 ms for
 * a parse that takes 20-30 ms alone; a quadratic parser fails either way.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { Range } from "../../server/src/core/text.js";
import { logrotateLanguage } from "../../server/src/languages/logrotate/index.js";
import { parseLogrotate } from "../../server/src/languages/logrotate/parser.js";
import { overBudget } from "../helpers/hostile.js";
import { lintText } from "../helpers/lint.js";

const LIVENESS_MS = 120_000;

/** Pieces logrotate configs are made of, and pieces that break them. */
const piece = fc.oneof(
  fc.constantFrom(
    "/var/log/app.log",
    '"/var/log/my app.log"',
    "'/var/log/x'",
    "~/log",
    "{",
    "}",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "#",
    "=",
    "daily",
    "weekly 9",
    "rotate 4",
    "size 100MB",
    "create 0640 root adm",
    "su root",
    "postrotate",
    "endscript",
    "sharedscripts",
    "dateformat -%Y%b",
    "olddir old",
    "tabooext + .bak",
    "include /etc/logrotate.d",
    "compress yes",
    "\u00e9",
    "\uFEFF",
  ),
  fc.string({ maxLength: 12 }),
);
const config = fc.array(piece, { maxLength: 80 }).map((a) => a.join(""));

function lines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function inside(ls: string[], r: Range, what: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(p.line >= 0 && p.line < ls.length, `${what}: line ${p.line} outside ${ls.length} lines`);
    assert.ok(p.character >= 0 && p.character <= (ls[p.line] as string).length, `${what}: character ${p.character} beyond its line`);
  }
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: start after end`);
}

/** Inputs of `size` characters (at most) in shapes that would make a parser backtrack or loop. */
function shapes(size: number): [string, string][] {
  const blockText =
    "/var/log/app/a.log /var/log/b.log {\n    daily\n    rotate 7\n    postrotate\n        kill -HUP 1 || true\n    endscript\n}\n";
  const fill = (unit: string) => unit.repeat(Math.floor(size / unit.length));
  return [
    ["blocks", fill(blockText)],
    ["argumentless keywords", fill("daily\n")],
    ["keywords on one line", fill("missingok ")],
    ["one path list", `${fill("/var/log/x ")}{\n}\n`.slice(0, size)],
    ["stray braces", fill("}\n")],
    ["open braces", fill("/a {\n")],
    ["an unclosed quote", fill('"')],
    ["CR LF lines", fill("\r\n")],
    ["an unclosed script", `/a {\npostrotate\n${fill("echo\n")}`.slice(0, size)],
    ["comments", fill("# comment\n")],
    [
      "random",
      fc
        .sample(fc.array(piece, { minLength: 6000, maxLength: 6000 }), { numRuns: 1, seed: 13 })[0]
        ?.join("")
        .slice(0, size) ?? "",
    ],
  ];
}

describe("logrotate parser and lint: properties for any input", () => {
  it("never throw and keep every range inside the document", { timeout: LIVENESS_MS }, () => {
    fc.assert(
      fc.property(config, (text) => {
        const ls = lines(text);
        const file = parseLogrotate(text);
        for (const d of file.directives) inside(ls, d.range, `directive ${d.name.text}`);
        for (const b of file.blocks) {
          inside(ls, b.range, "block");
          for (const p of b.patterns) inside(ls, p.range, `pattern ${p.text}`);
        }
        for (const p of file.problems) inside(ls, p.range, `problem ${p.code}`);
        for (const d of lintText("/etc/logrotate.d/app", text)) {
          inside(ls, d.range, d.rule);
          for (const f of d.fixes ?? []) for (const e of f.edits) inside(ls, e.range, `fix of ${d.rule}`);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("never throw from completion, hover, symbols or folding at any position", { timeout: LIVENESS_MS }, () => {
    const ctx = { path: "/etc/logrotate.d/app", settings: { systemd: { version: null }, rules: {} }, workspace: { unitNames: () => [] } };
    fc.assert(
      fc.property(config, fc.nat(), fc.nat(), (text, l, c) => {
        const file = logrotateLanguage.parse(text);
        const ls = lines(text);
        const line = l % ls.length;
        const position = { line, character: c % ((ls[line] as string).length + 1) };
        logrotateLanguage.complete(file, position, ctx);
        logrotateLanguage.hover(file, position, ctx);
        logrotateLanguage.symbols(file);
        logrotateLanguage.folding(file);
      }),
      { numRuns: 1000 },
    );
  });

  it("parses any input up to 64 KiB within 50 ms of CPU", { timeout: LIVENESS_MS }, () => {
    const slow: string[] = [];
    const quarters = new Map(shapes(16384));
    for (const [name, text] of shapes(65536)) {
      assert.ok(text.length <= 65536, name);
      const quarter = quarters.get(name) as string;
      const parse = overBudget((t) => parseLogrotate(t), text, quarter);
      if (parse) slow.push(`parse, ${name}: ${parse}`);
      // The whole lint (every rule) gets a looser bound: it must not blow up either.
      const lint = overBudget((t) => lintText("/etc/logrotate.d/app", t), text, quarter, 1000);
      if (lint) slow.push(`lint, ${name}: ${lint}`);
    }
    assert.deepEqual(slow, []);
  });
});
