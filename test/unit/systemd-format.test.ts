/**
 * The unit formatter: each fixture under test/fixtures/systemd-format is a
 * file as written (NAME.in.EXT, or in.conf in a drop-in folder) and as the
 * formatter must leave it (NAME.out.EXT, out.conf). Then two properties over
 * generated units: formatting twice changes nothing more, and systemd's
 * parser reads the formatted file exactly as the original.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { applyTextEdits, formatUnit, formatUnitText } from "../../server/src/languages/systemd/format.js";
import { parseUnitFile } from "../../server/src/languages/systemd/parser.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const dir = join(repoRoot, "test/fixtures/systemd-format");

/** Pairs of (input, expected output) files. */
function fixtures(folder: string): { name: string; input: string; expected: string }[] {
  return readdirSync(folder).flatMap((name) => {
    const full = join(folder, name);
    if (statSync(full).isDirectory()) return fixtures(full).map((f) => ({ ...f, name: `${name}/${f.name}` }));
    const m = /^(.*)\bin(\.[^.]+)$/.exec(name);
    if (!m) return [];
    return [{ name, input: readFileSync(full, "utf8"), expected: readFileSync(join(folder, `${m[1]}out${m[2]}`), "utf8") }];
  });
}

/** What systemd's parser reads: sections with their entries, and the lines it complains about. */
function parsed(text: string) {
  const unit = parseUnitFile(text);
  return {
    sections: unit.sections.map((s) => ({ name: s.name, entries: s.entries.map((e) => [e.key, e.value]) })),
    problems: unit.problems.map((p) => p.kind),
    comments: unit.comments.map((c) => c.text.trimEnd()),
  };
}

describe("systemd unit formatter", () => {
  const all = fixtures(dir);
  it("has fixtures", () => assert.ok(all.length >= 6, `${all.length} fixtures`));
  for (const f of all) {
    it(`formats ${f.name}`, () => {
      assert.equal(formatUnitText(f.input), f.expected);
      assert.deepEqual(formatUnit(f.expected), [], "a formatted file needs no edit");
      assert.deepEqual(parsed(f.expected), parsed(f.input), "systemd reads the formatted file as the original");
    });
  }

  it("formats only the lines of a range", () => {
    const text = "[Unit]\nDescription = a\n[Service]\nExecStart = /bin/true\n";
    const out = applyTextEdits(text, formatUnit(text, { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } }));
    assert.equal(out, "[Unit]\nDescription = a\n[Service]\nExecStart=/bin/true\n");
  });

  it("leaves a clean file alone", () => {
    assert.deepEqual(formatUnit(readFileSync(join(repoRoot, "test/fixtures/systemd/clean/web.service"), "utf8")), []);
  });

  // Lines built from the pieces the formatter has to be careful with: blanks, continuations, comments, '=' and other spaces.
  const piece = fc.constantFrom(
    "[Service]",
    "  [Unit] ",
    "[Install",
    "ExecStart",
    "Key",
    " ",
    "\t",
    "\u00a0",
    "=",
    " = ",
    "value",
    "\\",
    "\\\\",
    "#",
    ";",
    "%i",
    "$X",
    '"',
    "\uFEFF",
  );
  const line = fc.array(piece, { maxLength: 6 }).map((p) => p.join(""));
  const unitText = fc
    .tuple(fc.array(line, { maxLength: 14 }), fc.constantFrom("\n", "\r\n", "\r"), fc.boolean())
    .map(([lines, eol, final]) => lines.join(eol) + (final ? eol : ""));

  it("is idempotent and never changes what systemd parses", () => {
    fc.assert(
      fc.property(unitText, (text) => {
        const once = formatUnitText(text);
        assert.equal(formatUnitText(once), once, "formatting twice changes nothing more");
        assert.deepEqual(parsed(once), parsed(text), "systemd reads the formatted text as the original");
      }),
      { numRuns: 3000 },
    );
  });
});
