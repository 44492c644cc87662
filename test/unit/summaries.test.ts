/**
 * The own-words directive summaries shown on hover
 * (server/src/languages/systemd/data/summaries.json): keys are `Section.Name`
 * or a bare `Name` shared by several sections, and every key must name a
 * directive of the generated table.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

interface Summary {
  summary: string;
  default?: string;
}

interface DirectiveRow {
  section: string;
  name: string;
}

const dataDir = "server/src/languages/systemd/data";
const summariesText = readFileSync(`${dataDir}/summaries.json`, "utf8");
const summaries = JSON.parse(summariesText) as Record<string, Summary>;
const directives = (JSON.parse(readFileSync(`${dataDir}/systemd-data.json`, "utf8")) as { directives: DirectiveRow[] }).directives;

const qualified = new Set(directives.map((d) => `${d.section}.${d.name}`));
const bare = new Set(directives.map((d) => d.name));
const entries = Object.entries(summaries);

describe("directive summaries", () => {
  it("has at least 400 entries", () => {
    assert.ok(entries.length >= 400, `only ${entries.length} summaries`);
  });

  it("every key names a real directive", () => {
    const unknown = Object.keys(summaries).filter((key) => (key.includes(".") ? !qualified.has(key) : !bare.has(key)));
    assert.deepEqual(unknown, []);
  });

  it("every summary is non-empty, under 240 characters and free of Markdown links", () => {
    for (const [key, value] of entries) {
      assert.equal(typeof value.summary, "string", key);
      const text = value.summary.trim();
      assert.ok(text.length > 0, `${key}: empty summary`);
      assert.ok(value.summary.length < 240, `${key}: ${value.summary.length} characters`);
      assert.ok(!/\]\(/.test(value.summary), `${key}: Markdown link`);
    }
  });

  it("defaults, where given, are non-empty strings", () => {
    for (const [key, value] of entries) {
      if (value.default === undefined) continue;
      assert.equal(typeof value.default, "string", key);
      assert.ok(value.default.trim().length > 0, `${key}: empty default`);
    }
  });

  it("entries carry only summary and default", () => {
    for (const [key, value] of entries)
      assert.deepEqual(
        Object.keys(value).filter((k) => k !== "summary" && k !== "default"),
        [],
        key,
      );
  });

  it("the file is pretty-printed and sorted by key", () => {
    const keys = Object.keys(summaries);
    assert.deepEqual(keys, [...keys].sort());
    assert.equal(summariesText, `${JSON.stringify(summaries, null, 2)}\n`);
  });

  it("covers every [Unit] and [Install] directive", () => {
    const missing = directives
      .filter((d) => d.section === "Unit" || d.section === "Install")
      .filter((d) => summaries[`${d.section}.${d.name}`] === undefined && summaries[d.name] === undefined)
      .map((d) => `${d.section}.${d.name}`);
    assert.deepEqual(missing, []);
  });
});
