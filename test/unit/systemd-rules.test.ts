/**
 * Every rule's fixture folder, test/fixtures/systemd/<rule-id>/, holds unit
 * files whose comments state the diagnostics they must produce (see
 * test/helpers/expectations.ts). A file is linted as if it lived at its path
 * under the folder, so drop-in directories work as on a host.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { systemdLanguage } from "../../server/src/languages/systemd/index.js";
import { readExpectations } from "../helpers/expectations.js";
import { assertDiagnosticsMatch, fixtureFiles, folderSettings } from "../helpers/fixtures.js";
import { lintText } from "../helpers/lint.js";

const root = "test/fixtures/systemd";

describe("systemd rules", () => {
  it("every rule has a fixture folder", () => {
    for (const rule of systemdLanguage.rules)
      assert.ok(existsSync(join(root, rule.id.split("/")[1] as string)), `missing fixtures for ${rule.id}`);
  });

  for (const folder of readdirSync(root).sort()) {
    const dir = join(root, folder);
    if (!statSync(dir).isDirectory()) continue;
    const settings = folderSettings(dir);
    describe(folder, () => {
      for (const file of fixtureFiles(dir)) {
        it(relative(dir, file), () => {
          const text = readFileSync(file, "utf8");
          const expected = readExpectations(text);
          const actual = lintText(`/etc/systemd/system/${relative(dir, file)}`, text, settings);
          assertDiagnosticsMatch(actual, expected);
        });
      }
    });
  }
});
