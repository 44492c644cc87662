import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { allRules } from "../../server/src/core/languages.js";

describe("README", () => {
  const readme = readFileSync("README.md", "utf8");

  it("lists every rule with its default severity", () => {
    const row = (id: string, severity: string) => new RegExp(`\\|\\s*\`${id}\`\\s*\\|\\s*${severity}\\s*\\|`);
    const missing = allRules().filter((r) => !row(r.id, r.enabledByDefault === false ? "off" : r.severity).test(readme));
    assert.deepEqual(
      missing.map((r) => `${r.id} (${r.severity})`),
      [],
    );
  });

  it("shows the two set-up commands", () => {
    assert.match(readme, /npm install && npm start/);
    assert.match(readme, /npm test/);
  });
});
