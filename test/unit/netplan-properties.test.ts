/**
 * Properties of the netplan parser and of netplan's whole lint pipeline that
 * hold for any input (DESIGN.md: "Parsers never throw"): no exception, no
 * hang, and every range of a diagnostic, fix, symbol or fold inside the
 * document. Inputs are YAML-shaped netplan documents built from the key table
 * (real keys at real places, wrong values, odd indentation, flow style,
 * anchors, duplicate keys) and arbitrary text. "No hang" is the liveness
 * bound of the test's timeout, not a timing assertion.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { defaultSettings, type Settings } from "../../server/src/core/settings.js";
import type { Range } from "../../server/src/core/text.js";
import { knownKeys, type SchemaNode, schemaRoot } from "../../server/src/languages/netplan/data.js";
import { netplanLanguage } from "../../server/src/languages/netplan/index.js";
import { parseNetplan } from "../../server/src/languages/netplan/parser.js";
import { lintText } from "../helpers/lint.js";

const RUNS = 500;
const LIVENESS_MS = 120_000;

function assertInside(lines: string[], r: Range, what: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.length, `${what}: line out of the document ${JSON.stringify(r)}`);
    assert.ok(
      p.character >= 0 && p.character <= (lines[p.line] as string).length,
      `${what}: character beyond the line ${JSON.stringify(r)}`,
    );
  }
  assert.ok(
    r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character),
    `${what}: reversed ${JSON.stringify(r)}`,
  );
}

const values = fc.constantFrom(
  "true",
  "no",
  "maybe",
  "10.0.0.5/24",
  "10.0.0.5",
  "10.0.0.256/24",
  "2001:db8::1/64",
  "fe80::1%eth0",
  "default",
  "0.0.0.0/0",
  "1500",
  "-1",
  "0x10",
  "",
  "~",
  "[eth0, eth1]",
  "{}",
  "[]",
  "*a",
  "&a x",
  '"quoted"',
  "'x'",
  "52:54:00:12:34:56",
  "eth0",
  "networkd",
  "NetworkManager",
  "wireguard",
  "{to: default, via: 10.0.0.1}",
  "|\n  block",
  "\t",
  "#",
  "é😀",
  "\ud800",
);

/** A random walk down the key table: `depth` levels of real keys (or device IDs) with values. */
function docLines(node: SchemaNode, indent: number, depth: number): fc.Arbitrary<string[]> {
  const keys = knownKeys(node);
  const key =
    keys.length > 0
      ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...keys) }, fc.constantFrom("eth0", "br0", "bond0", "wg0", "typo-key", ""))
      : fc.constantFrom("eth0", "home", "10.0.0.5/24");
  const pad = " ".repeat(indent);
  const line = key.chain((k) => {
    const child = node.children.get(k) ?? node.children.get("<id>") ?? node.children.get("<ssid>") ?? node.item;
    const leaf = fc.tuple(values, fc.constantFrom("", "", " # c")).map(([v, c]) => [`${pad}${k}: ${v}${c}`]);
    if (!child || depth <= 0) return leaf;
    const nested = docLines(child.item ?? child, indent + 2, depth - 1);
    const seq = child.item
      ? fc
          .array(docLines(child.item, indent + 4, depth - 1), { maxLength: 2 })
          .map((items) => [`${pad}${k}:`, ...items.flatMap((it) => it.map((l, i) => (i === 0 ? `${pad}  - ${l.trimStart()}` : l)))])
      : fc.constant([`${pad}${k}:`]);
    return fc.oneof(
      { weight: 2, arbitrary: leaf },
      { weight: 3, arbitrary: fc.array(nested, { maxLength: 3 }).map((ls) => [`${pad}${k}:`, ...ls.flat()]) },
      seq,
    );
  });
  return fc.array(line, { maxLength: 4 }).map((ls) => ls.flat());
}

const netplanDoc = fc.tuple(docLines(schemaRoot, 0, 5), fc.constantFrom("\n", "\n", "\r\n"), fc.boolean()).map(([lines, eol, cut]) => {
  const text = lines.join(eol);
  return cut ? text.slice(0, Math.floor(text.length * 0.7)) : text + eol;
});
const anyText = fc.oneof(netplanDoc, netplanDoc, netplanDoc, fc.string({ unit: "binary", maxLength: 200 }));
const settings = fc.constantFrom<Settings>(defaultSettings, { ...defaultSettings, netplan: { version: "1.2.2" } });

describe("netplan on any input", { timeout: LIVENESS_MS }, () => {
  it("the parser never throws and its key ranges stay inside the document", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const file = parseNetplan(text);
        const lines = text.split(/\r\n|\r|\n/);
        for (const e of file.entries) assertInside(lines, e.keyRange, `key ${e.key}`);
        for (const s of file.syntax) assertInside(lines, s.range, "syntax problem");
      }),
      { numRuns: RUNS },
    );
  });

  it("linting, fixes, outline and folding never throw and stay inside the document", () => {
    fc.assert(
      fc.property(anyText, settings, (text, s) => {
        const lines = text.split(/\r\n|\r|\n/);
        for (const d of lintText("/etc/netplan/50-test.yaml", text, s)) {
          assertInside(lines, d.range, d.rule);
          for (const f of d.fixes ?? []) for (const e of f.edits) assertInside(lines, e.range, `fix of ${d.rule}`);
        }
        const doc = parseNetplan(text);
        const visit = (symbols: ReturnType<typeof netplanLanguage.symbols>): void => {
          for (const sym of symbols) {
            assertInside(lines, sym.range, `symbol ${sym.name}`);
            visit(sym.children ?? []);
          }
        };
        visit(netplanLanguage.symbols(doc));
        for (const f of netplanLanguage.folding(doc)) assert.ok(f.startLine <= f.endLine && f.endLine < lines.length);
      }),
      { numRuns: RUNS },
    );
  });
});
