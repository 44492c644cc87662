/**
 * Rules that read the units a unit pulls in, through the workspace: each
 * folder test/fixtures/systemd-pulled/<rule-id>/ is one workspace (every file
 * in it can be read by name), and each file's annotations state the
 * diagnostics of that rule it must produce (test/helpers/expectations.ts).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readExpectations } from "../helpers/expectations.js";
import { lintText } from "../helpers/lint.js";

const root = "test/fixtures/systemd-pulled";

describe("rules that follow pulled-in units through the workspace", () => {
  for (const folder of readdirSync(root).sort()) {
    const dir = join(root, folder);
    if (!statSync(dir).isDirectory()) continue;
    const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile());
    const workspace = {
      unitNames: () => files,
      unitText: (name: string) => (files.includes(name) ? readFileSync(join(dir, name), "utf8") : undefined),
    };
    for (const file of files) {
      it(`${folder}/${file}`, () => {
        const text = readFileSync(join(dir, file), "utf8");
        const rule = `systemd/${folder}`;
        const expected = readExpectations(text).filter((e) => e.rule === rule);
        const actual = lintText(`/etc/systemd/system/${file}`, text, undefined, undefined, workspace).filter((d) => d.rule === rule);
        assert.deepEqual(
          actual.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]),
          expected.map((e) => [e.line, e.startColumn, e.endColumn]),
          actual.map((d) => `${d.range.start.line + 1}: ${d.message}`).join("; ") || "no findings",
        );
      });
    }
  }
});
