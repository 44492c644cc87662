/**
 * Every rule's fixture folder, test/fixtures/cron/<rule-id>/ (plus
 * <rule-id>-cronie/ for the cronie dialect, with a settings.json), holds
 * crontabs whose comments state the diagnostics they must produce (see
 * test/helpers/expectations.ts). A file under a `cron.d` folder is linted as
 * a system crontab (with a user field), any other as a user crontab. A file
 * whose last line cannot carry an expectation below it states it with
 * `# expect-last-line <rule-id>: <text>`.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { cronLanguage } from "../../server/src/languages/cron/index.js";
import { type Expectation, readExpectations } from "../helpers/expectations.js";
import { assertDiagnosticsMatch, fixtureFiles, folderSettings } from "../helpers/fixtures.js";
import { lintText } from "../helpers/lint.js";

const root = "test/fixtures/cron";

function lastLineExpectations(text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  return lines.flatMap((line, i) => {
    const m = /^# expect-last-line ([\w-]+\/[\w-]+)(?::\s*(.*))?$/.exec(line);
    return m ? [{ rule: m[1] as string, line: lines.length - 1, messagePart: m[2], at: i }] : [];
  });
}

describe("cron rules", () => {
  it("every rule has a fixture folder", () => {
    for (const rule of cronLanguage.rules)
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
          const expected = [...readExpectations(text), ...lastLineExpectations(text)];
          const actual = lintText(`/fixtures/${relative(dir, file)}`, text, settings, "cron");
          assertDiagnosticsMatch(actual, expected);
        });
      }
    });
  }
});
