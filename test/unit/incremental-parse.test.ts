/**
 * The language server parses a new version of a document from the one
 * before, re-reading only the lines an edit touched (AnalysisCache →
 * reparseUnitFile). Whatever the edits, the parse tree and the diagnostics
 * must be those of a fresh parse of the same text: random documents get
 * random LSP incremental changes (across section headers, continuation lines,
 * comments, CRLF and lone CR line ends), applied with the editor's own text
 * document, and after every change both are compared with a fresh analysis.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic } from "../../server/src/core/diagnostic.js";
import { emptyWorkspace, type LanguageContext } from "../../server/src/core/language.js";
import { defaultSettings } from "../../server/src/core/settings.js";
import type { Position } from "../../server/src/core/text.js";
import "../../server/src/core/languages.js";
import { AnalysisCache, analyze } from "../../server/src/features/documents.js";
import type { UnitFile } from "../../server/src/languages/systemd/parser.js";

const RUNS = 300;
const LIVENESS_MS = 300_000;
const path = "/etc/systemd/system/app.service";
const uri = "file:///etc/systemd/system/app.service";
const ctx: LanguageContext = { path, settings: defaultSettings, workspace: emptyWorkspace };

/** Everything the parse tree says, as plain data: value offsets resolved, each entry's section checked to be the one holding it. */
function plain(unit: UnitFile): unknown {
  return {
    lines: unit.lines,
    crlfLines: unit.crlfLines,
    comments: unit.comments,
    problems: unit.problems,
    sections: unit.sections.map((s) => ({
      name: s.name,
      nameRange: s.nameRange,
      headerRange: s.headerRange,
      range: s.range,
      entries: s.entries.map((e) => {
        assert.equal(e.section, s, `entry ${e.key} points at its section`);
        const positions: Position[] = [];
        for (let offset = 0; offset <= e.value.length; offset++) positions.push(e.positionAt(offset));
        return {
          key: e.key,
          keyRange: e.keyRange,
          value: e.value,
          valueRange: e.valueRange,
          range: e.range,
          reportLine: e.reportLine,
          positions,
        };
      }),
    })),
  };
}

function plainDiagnostics(diagnostics: Diagnostic[]): unknown {
  return JSON.parse(JSON.stringify(diagnostics));
}

// Lines of a unit: headers, assignments (some a rule reports), continued lines, comments, blanks.
const lineText = fc.constantFrom(
  "[Unit]",
  "[Service]",
  "[Install]",
  "[Servic",
  "Description=app",
  "After=network.target",
  "ExecStart=/usr/bin/app --flag",
  "ExecStart=/usr/bin/app \\",
  "  --more \\",
  "  --last",
  "Environment=A=1 B=2",
  "Restrat=always",
  "Restart=alwyas",
  "RestartSec=5s",
  "User=nobody",
  "WantedBy=multi-user.target",
  "# a comment",
  "; another \\",
  "#ExecStart=/bin/false",
  "# etcetera-disable-next-line",
  "",
  "   ",
  "\\",
  "Key",
  "=value",
  // Lines the rules that keep their findings on the assignment (entry-rule.ts) report.
  'Environment="A=1 B=2"',
  "Environment=PATH=$PATH:/opt/bin",
  'ExecStart="/usr/bin/app --flag"',
  "ExecStartPre=sudo -u app /usr/bin/prepare",
  "ExecStart=/bin/echo --dir=$HOME/x",
  "ExecStart=/bin/date +%H:%M",
  "RestartSec=15M",
  "KillMode=none",
  "User=app-%i",
  "Description=app # not a comment",
);
const lineEnd = fc.oneof({ weight: 10, arbitrary: fc.constant("\n") }, fc.constantFrom("\r\n", "\r"));
const document = fc
  .array(fc.tuple(lineText, lineEnd), { minLength: 1, maxLength: 40 })
  .map((lines) => `[Unit]\nDescription=x\n${lines.map(([l, e]) => l + e).join("")}`);

// An edit: where (a line, a column, how far), and what is typed there.
const typed = fc.oneof(
  fc.constantFrom(
    "",
    "\n",
    "\r\n",
    "\r",
    "\\",
    "\\\n",
    " \\\n",
    "#",
    ";",
    "[",
    "]",
    "=",
    "x",
    "[Service]\n",
    "[Unit]",
    "Restart=on-failure\n",
  ),
  lineText.chain((l) => lineEnd.map((e) => l + e)),
);
const edit = fc.record({
  line: fc.nat(60),
  character: fc.nat(40),
  lines: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.nat(3)),
  endCharacter: fc.nat(40),
  text: typed,
});

describe("incremental parse of a changed document", () => {
  it("gives the tree and diagnostics of a fresh parse after any sequence of edits", { timeout: LIVENESS_MS }, () => {
    fc.assert(
      fc.property(document, fc.array(edit, { minLength: 1, maxLength: 25 }), (text, edits) => {
        const cache = new AnalysisCache();
        let doc = TextDocument.create(uri, "systemd-unit", 1, text);
        cache.get(uri, 1, path, () => doc.getText())?.diagnostics(ctx);
        for (const e of edits) {
          const start = { line: Math.min(e.line, doc.lineCount - 1), character: e.character };
          const end = { line: start.line + e.lines, character: e.lines === 0 ? start.character + e.endCharacter : e.endCharacter };
          doc = TextDocument.update(doc, [{ range: { start, end }, text: e.text }], doc.version + 1);
          const incremental = cache.get(uri, doc.version, path, () => doc.getText());
          const fresh = analyze(path, doc.getText());
          assert.ok(incremental && fresh);
          assert.deepEqual(plain(incremental.doc as UnitFile), plain(fresh.doc as UnitFile), JSON.stringify(doc.getText()));
          assert.deepEqual(plainDiagnostics(incremental.diagnostics(ctx)), plainDiagnostics(fresh.diagnostics(ctx)));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("keeps what a rule found in an assignment apart for each file name, type and version that checks it", () => {
    const text = "[Unit]\nDescription=app # note\nAfter=%i.service\n\n[Service]\nExecStart=/usr/bin/app --name=%i\nRestartSec=15M\n";
    const analysis = analyze(path, text);
    assert.ok(analysis);
    const parsed = analysis.doc as UnitFile;
    const contexts: LanguageContext[] = [
      ctx,
      { ...ctx, path: "/etc/systemd/system/app@.service" },
      { ...ctx, settings: { ...defaultSettings, systemd: { ...defaultSettings.systemd, version: 240 } } },
      { ...ctx, path: "/etc/systemd/system/app.socket" },
    ];
    // The same parsed assignments, checked under one context after the other and back: each time what a fresh parse gives.
    for (const c of [...contexts, ...contexts]) {
      const fresh = analyze(c.path, text);
      assert.ok(fresh);
      assert.deepEqual(plainDiagnostics(analysis.language.diagnose(parsed, c)), plainDiagnostics(fresh.diagnostics(c)), c.path);
    }
    const rulesOf = (c: LanguageContext) => new Set(analysis.language.diagnose(parsed, c).map((d) => d.rule));
    assert.ok(rulesOf(ctx).has("systemd/instance-in-non-template"));
    assert.ok(!rulesOf(contexts[1] as LanguageContext).has("systemd/instance-in-non-template"));
  });

  it("re-reads one line: the assignments it did not touch stay the same objects", () => {
    const lines = ["[Unit]", "Description=x", "", "[Service]", ...Array.from({ length: 50 }, (_, i) => `Environment=A${i}=${i}`)];
    const cache = new AnalysisCache();
    let doc = TextDocument.create(uri, "systemd-unit", 1, `${lines.join("\n")}\n`);
    const before = cache.get(uri, 1, path, () => doc.getText())?.doc as UnitFile;
    const entriesBefore = before.sections.flatMap((s) => s.entries);
    doc = TextDocument.update(doc, [{ range: { start: { line: 20, character: 12 }, end: { line: 20, character: 14 } }, text: "B" }], 2);
    const after = cache.get(uri, 2, path, () => doc.getText())?.doc as UnitFile;
    const entriesAfter = after.sections.flatMap((s) => s.entries);
    assert.equal(entriesAfter.length, entriesBefore.length);
    const changed = entriesAfter.filter((e, i) => e !== entriesBefore[i]);
    assert.deepEqual(
      changed.map((e) => e.range.start.line),
      [20],
    );
  });
});
