/**
 * Properties of the systemd parser and of the whole lint pipeline that hold
 * for any input at all (DESIGN.md: "Parsers never throw"): no exception, no
 * hang, and every range inside the document. Then the time-span engine:
 * never throws, and what it prints it reads back to the same value.
 *
 * "No hang" is a liveness bound (each test's timeout), not a timing
 * assertion: a hang or a blow-up on some input fails the run, a slow machine
 * does not.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { defaultSettings, settingsFromConfiguration } from "../../server/src/core/settings.js";
import type { Range } from "../../server/src/core/text.js";
import { formatTimespan, parseNanoTimespan, parseTimespan, USEC_INFINITY } from "../../server/src/languages/calendar/timespan.js";
import { directivesOfSection, parserInfo, sectionsForType, type UnitType } from "../../server/src/languages/systemd/data.js";
import { systemdLanguage } from "../../server/src/languages/systemd/index.js";
import { parseUnitFile, type UnitFile } from "../../server/src/languages/systemd/parser.js";
import { lintText } from "../helpers/lint.js";

const RUNS = 3000;
const LIVENESS_MS = 120_000;

/** Lines as an editor counts them: \n, \r\n and a lone \r end a line. */
function documentLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function assertInside(lines: string[], r: Range, what: string): void {
  const where = `${what} ${JSON.stringify(r)} (document has ${lines.length} lines)`;
  for (const p of [r.start, r.end]) {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.length, `line out of the document: ${where}`);
    const length = (lines[p.line] as string).length;
    assert.ok(
      Number.isInteger(p.character) && p.character >= 0 && p.character <= length,
      `character beyond line length ${length}: ${where}`,
    );
  }
  const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  assert.ok(ordered, `start after end: ${where}`);
}

function assertParseTreeInside(text: string, unit: UnitFile): void {
  const lines = documentLines(text);
  assert.equal(unit.lines.length, lines.length, "the parser counts lines as an editor does");
  for (const section of unit.sections) {
    assertInside(lines, section.nameRange, `section [${section.name}] name`);
    assertInside(lines, section.headerRange, `section [${section.name}] header`);
    assertInside(lines, section.range, `section [${section.name}]`);
    for (const entry of section.entries) {
      assertInside(lines, entry.keyRange, `key ${entry.key}`);
      assertInside(lines, entry.valueRange, `value of ${entry.key}`);
      assertInside(lines, entry.range, `entry ${entry.key}`);
      assert.ok(entry.reportLine >= entry.range.start.line && entry.reportLine < lines.length);
      for (const offset of [0, entry.value.length >> 1, entry.value.length]) {
        const p = entry.positionAt(offset);
        assertInside(lines, { start: p, end: p }, `offset ${offset} in the value of ${entry.key}`);
      }
    }
  }
  for (const problem of unit.problems) assertInside(lines, problem.range, `problem ${problem.kind}`);
  for (const comment of unit.comments) assert.ok(comment.line >= 0 && comment.line < lines.length, `comment line ${comment.line}`);
}

// Unit-like text: mostly the sections and directives of the file's unit type (from the same tables the rules
// read), with misspelled and invented names, values right and wrong, continuations, comments, odd characters and
// mixed line ends mixed in.
const unitPaths: Record<string, string> = {
  service: "/etc/systemd/system/app.service",
  template: "/etc/systemd/system/app@.service",
  dropin: "/etc/systemd/system/app.service.d/override.conf",
  timer: "/etc/systemd/system/backup.timer",
  socket: "/etc/systemd/system/app.socket",
  mount: "/etc/systemd/system/srv-data.mount",
  path: "/etc/systemd/system/x.path",
  swap: "/etc/systemd/system/swapfile.swap",
  target: "/etc/systemd/system/multi-user.target",
};
const typeOf = (kind: string): UnitType => (kind === "template" || kind === "dropin" ? "service" : (kind as UnitType));
const misspelled = ["Restrat", "ExecStrat", "X-Foo", "description", "Foo Bar", "WantedBy", "After"];
const mistakes = ["", "yes", "no", "/bin/true", "-/usr/bin/x --a=%i %%", "@/bin/sh sh -c 'echo $$1' ; /bin/false", "1h 30min", "90"].concat(
  ["infinity", "5x", "a=b c=d", "%n.%Z", "%q", "*-*-* 00:00", "Mon 09:00", "network-online.target", "foo.service bar@.service", "1G"],
  ["50%", "/srv/data", "tmpfs", "-1", "on # comment", "simpel", ":8080", "127.0.0.1:53", "notify-reload", "always", "oneshot"],
);
const oddText = fc.string({
  unit: fc.constantFrom("\\", "=", "[", "]", "#", ";", "%", " ", "\t", "\0", "\uFEFF", "\uFFFD", "é", "😀", "\ud800", "a"),
  maxLength: 12,
});
const blank = fc.constantFrom("", "", " ", "\t");

function assignment(section: string, type: UnitType): fc.Arbitrary<string> {
  const known = directivesOfSection(section, type);
  const key =
    known.length > 0
      ? fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...known.map((d) => d.name)) }, fc.constantFrom(...misspelled))
      : fc.constantFrom(...misspelled);
  const allowed = [...new Set(known.flatMap((d) => parserInfo(d.parser)?.allowed ?? []))];
  const value = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...allowed, ...mistakes) }, oddText);
  return fc.tuple(blank, key, fc.constantFrom("=", "=", "=", " = ", ""), value, blank).map((p) => p.join(""));
}

const noise = fc.oneof(
  fc.constantFrom("[Service", "[", "[]", "[Unit] x", "#", ";", " # note", "#^^^ x", "\\", " \\", "\\\\", "=", " ", ""),
  oddText,
  fc.string({ unit: "binary", maxLength: 12 }),
);

function block(type: UnitType): fc.Arbitrary<string[]> {
  const own = sectionsForType(type);
  const section = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...own) },
    fc.constantFrom("Timer", "Socket", "X-Custom", "service", ""),
  );
  return section.chain((name) =>
    fc
      .array(
        fc.oneof(
          { weight: 8, arbitrary: assignment(name, type) },
          { weight: 1, arbitrary: fc.constantFrom("# comment", "; comment", "", "# etcetera-disable-next-line") },
          {
            weight: 1,
            arbitrary: fc.array(fc.oneof(assignment(name, type), noise), { minLength: 1, maxLength: 3 }).map((p) => p.join("")),
          },
        ),
        { maxLength: 10 },
      )
      .map((lines) => [`[${name}]`, ...lines]),
  );
}

const lineEnd = fc.oneof(
  { weight: 12, arbitrary: fc.constant("\n") },
  { weight: 2, arbitrary: fc.constantFrom("\r\n", "\r", "\\\n", "\\\r\n", " \\\n") },
);

/** A unit file's path and text. */
const unitDoc = fc.constantFrom(...Object.keys(unitPaths)).chain((kind) =>
  fc
    .tuple(fc.array(block(typeOf(kind)), { maxLength: 4 }), fc.boolean())
    .chain(([blocks, cutEnd]) => {
      const lines = blocks.flat();
      return fc.tuple(fc.array(lineEnd, { minLength: lines.length, maxLength: lines.length }), fc.constant(lines), fc.constant(cutEnd));
    })
    .map(([ends, lines, cutEnd]) => {
      const text = lines.map((l, i) => l + ends[i]).join("");
      return { path: unitPaths[kind] as string, text: cutEnd ? text.replace(/[\r\n]+$/, "") : text };
    }),
);
const unitLike = unitDoc.map((d) => d.text);
// Any UTF-16 string, lone surrogates included.
const anyUtf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 });
const anyText = fc.oneof(unitLike, unitLike, anyUtf16, fc.string({ unit: "binary", maxLength: 200 }));

const paths = Object.values(unitPaths);
const settingsArb = fc.oneof(
  fc.constant(defaultSettings),
  fc.constantFrom(200, 240, 252, 256, 999).map((version) => settingsFromConfiguration({ systemd: { version } })),
);

describe("systemd parser: properties for any input", () => {
  it("never throws and keeps every range inside the document", { timeout: LIVENESS_MS }, () => {
    fc.assert(
      fc.property(anyText, (text) => assertParseTreeInside(text, parseUnitFile(text))),
      { numRuns: RUNS },
    );
  });

  it("survives pathological shapes", { timeout: LIVENESS_MS }, () => {
    const shapes = [
      "",
      "\\",
      "\\".repeat(100_001),
      `[Service]\nExecStart=/bin/echo \\\n${"  arg \\\n".repeat(20_000)}`,
      `[Service]\nExecStart=/bin/echo ${"x".repeat(1024 * 1024 + 10)}\n`,
      "\r".repeat(50_000),
      "\r\n\n\r".repeat(10_000),
      "\0".repeat(10_000),
      "[".repeat(50_000),
      "=".repeat(50_000),
      "\uFEFF[Unit]\nDescription=BOM",
    ];
    for (const text of shapes) assertParseTreeInside(text, parseUnitFile(text));
  });
});

describe("systemd lint: properties for any input", () => {
  it("inserts the Wants= fix inside the document when After= is the last line without a line end", () => {
    const text = "[Unit]\nAfter=network-online.target";
    const lines = documentLines(text);
    const d = lintText("/etc/systemd/system/x.path", text).find((d) => d.rule === "systemd/network-online-without-wants");
    for (const e of d?.fixes?.[0]?.edits ?? []) assertInside(lines, e.range, "the Wants= fix");
  });

  it("never throws and reports every diagnostic and fix inside the document", { timeout: LIVENESS_MS }, () => {
    fc.assert(
      fc.property(
        fc.oneof(unitDoc, fc.record({ text: anyText, path: fc.constantFrom(...paths) })),
        settingsArb,
        ({ text, path }, settings) => {
          const lines = documentLines(text);
          for (const d of lintText(path, text, settings, undefined, ["db.service"])) {
            assert.match(d.rule, /^[a-z]+\/[a-z0-9-]+$/);
            assert.ok(d.message.length > 0);
            assertInside(lines, d.range, `${d.rule}`);
            for (const fix of d.fixes ?? []) for (const e of fix.edits) assertInside(lines, e.range, `fix '${fix.title}' of ${d.rule}`);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("survives pathological shapes", { timeout: LIVENESS_MS }, () => {
    const shapes = [
      `[Service]\n${"ExecStart=/bin/true\n".repeat(10_000)}`,
      `[Service]\nExecStart=/bin/true\n${"Restrat=always\n".repeat(2_000)}`,
      `[Service]\nExecStart=/bin/echo ${"%".repeat(100_000)}\n`,
      `[Service]\nExecStart=/bin/echo \\\n${"  arg \\\n".repeat(20_000)}`,
      `[Service]\nEnvironment=${"A=b ".repeat(50_000)}\n`,
      "[Service]\n".repeat(20_000),
      "\r".repeat(50_000),
    ];
    for (const text of shapes) {
      const lines = documentLines(text);
      for (const d of lintText("/etc/systemd/system/app.service", text)) assertInside(lines, d.range, d.rule);
    }
  });

  it("never throws from completion, hover, symbols or folding at any position", { timeout: LIVENESS_MS }, () => {
    const position = fc.record({ line: fc.nat(40), character: fc.nat(80) });
    fc.assert(
      fc.property(anyText, fc.constantFrom(...paths), position, (text, path, p) => {
        const lines = documentLines(text);
        const at = { line: Math.min(p.line, lines.length - 1), character: 0 };
        at.character = Math.min(p.character, (lines[at.line] as string).length);
        const ctx = { path, settings: defaultSettings, workspace: { unitNames: () => ["db.service"] } };
        const unit = systemdLanguage.parse(text);
        for (const item of systemdLanguage.complete(unit, at, ctx))
          if (item.range) assertInside(lines, item.range, `completion ${item.label}`);
        const hover = systemdLanguage.hover(unit, at, ctx);
        if (hover) assertInside(lines, hover.range, "hover");
        const walk = (symbols: ReturnType<typeof systemdLanguage.symbols>): void => {
          for (const s of symbols) {
            assertInside(lines, s.range, `symbol ${s.name}`);
            assertInside(lines, s.selectionRange, `symbol ${s.name} selection`);
            walk(s.children ?? []);
          }
        };
        walk(systemdLanguage.symbols(unit));
        for (const f of systemdLanguage.folding(unit)) assert.ok(f.startLine <= f.endLine && f.endLine < lines.length);
      }),
      { numRuns: RUNS },
    );
  });
});

// Time spans: systemd's own vocabulary, put together right and wrong.
const spanUnits = ["", "us", "usec", "µs", "μs", "ms", "msec", "s", "sec", "second", "seconds", "m", "min", "minute", "minutes"]
  .concat(["h", "hr", "hour", "hours", "d", "day", "days", "w", "week", "weeks", "M", "month", "months", "y", "year", "years"])
  .concat(["ns", "nsec", "x", "mins", "S"]);
const spanTerm = fc
  .tuple(
    fc.constantFrom("", "+", "-"),
    fc.oneof(fc.nat(100), fc.nat(), fc.bigInt({ min: 0n, max: 10n ** 22n })),
    fc.option(fc.stringMatching(/^\.[0-9]{0,8}$/), { nil: "" }),
    fc.constantFrom("", " ", "\t"),
    fc.constantFrom(...spanUnits),
  )
  .map((parts) => parts.join(""));
const spanText = fc.oneof(
  fc.array(spanTerm, { minLength: 1, maxLength: 4 }).map((terms) => terms.join(" ")),
  fc.array(spanTerm, { minLength: 1, maxLength: 4 }).map((terms) => terms.join("")),
  fc.constantFrom("infinity", " infinity ", "infinity s", "inf", "", " ", "0", "."),
  fc.string({ maxLength: 30 }),
);

describe("time spans: properties", () => {
  it("parsing and formatting never throw", { timeout: LIVENESS_MS }, () => {
    fc.assert(
      fc.property(fc.oneof(spanText, anyUtf16), (text) => {
        const r = parseTimespan(text);
        if (r.ok) {
          assert.ok(r.value >= 0n && r.value <= USEC_INFINITY);
          formatTimespan(r.value);
        } else assert.ok(r.offset >= 0 && r.offset <= text.length, `offset ${r.offset} outside '${text}'`);
        parseNanoTimespan(text);
      }),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (usec, accuracy) => {
        assert.equal(typeof formatTimespan(usec, accuracy), "string");
      }),
      { numRuns: RUNS },
    );
  });

  it("formatting a parsed span and parsing it again gives the same value", { timeout: LIVENESS_MS }, () => {
    fc.assert(
      fc.property(spanText, (text) => {
        const r = parseTimespan(text);
        fc.pre(r.ok);
        if (!r.ok) return;
        const printed = formatTimespan(r.value);
        assert.deepEqual(parseTimespan(printed), { ok: true, value: r.value }, `'${text}' → ${r.value} → '${printed}'`);
      }),
      { numRuns: RUNS },
    );
  });

  // Near 2^64 systemd's own output does not read back: "584542y" overflows its per-term check
  // (584542 >= USEC_INFINITY / one year), so the property holds up to 2^63, far beyond any real span.
  it("every value up to 2^63 µs (and infinity) prints as text that reads back to it", { timeout: LIVENESS_MS }, () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.bigInt({ min: 0n, max: 1n << 63n }), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.constant(USEC_INFINITY)),
        (usec) => {
          const printed = formatTimespan(usec);
          assert.deepEqual(parseTimespan(printed), { ok: true, value: usec }, `${usec} → '${printed}'`);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
