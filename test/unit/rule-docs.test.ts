/**
 * Every rule has its documentation page in docs/rules, as the generator writes
 * it from the rule's own metadata: a rule added or changed without
 * `npm run generate` fails here.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ruleDocPages } from "../../server/scripts/generate-rule-docs.js";
import { allRules } from "../../server/src/core/languages.js";
import { ruleDocPath } from "../../server/src/core/rule-docs.js";

describe("rule documentation pages", () => {
  const pages = ruleDocPages();

  it("every rule has a page, and every page is a rule", () => {
    for (const rule of allRules()) assert.ok(existsSync(ruleDocPath(rule.id)), `${ruleDocPath(rule.id)} missing: run npm run generate`);
    const onDisk = readdirSync("docs/rules", { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".md"))
      .map((f) => join("docs/rules", f))
      .sort();
    assert.deepEqual(onDisk, [...pages.keys()].sort(), "pages on disk differ from the rules: run npm run generate");
  });

  it("every page is as the generator writes it (run npm run generate after changing a rule)", () => {
    for (const [path, text] of pages) assert.equal(readFileSync(path, "utf8"), text, `${path} is stale: run npm run generate`);
  });

  it("a page states the rule's severity and its own doc line, and shows how to turn it off", () => {
    const rule = allRules().find((r) => r.id === "systemd/comment-after-value");
    assert.ok(rule);
    const page = pages.get(ruleDocPath(rule.id)) ?? "";
    assert.ok(page.includes(`Default severity: **${rule.severity}**`));
    assert.ok(page.includes(rule.doc));
    assert.ok(page.includes(`# etcetera-disable-next-line ${rule.id}`));
    assert.match(page, /## Example/);
  });
});
