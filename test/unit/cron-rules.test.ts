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
import { defaultSettings, settingsFromConfiguration } from "../../server/src/core/settings.js";
import { cronLanguage } from "../../server/src/languages/cron/index.js";
import { type Expectation, readExpectations } from "../helpers/expectations.js";
import { lintText } from "../helpers/lint.js";

const root = "test/fixtures/cron";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full);
    return name === "settings.json" ? [] : [full];
  });
}

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
    const settingsFile = join(dir, "settings.json");
    const settings = existsSync(settingsFile) ? settingsFromConfiguration(JSON.parse(readFileSync(settingsFile, "utf8"))) : defaultSettings;
    describe(folder, () => {
      for (const file of filesUnder(dir)) {
        it(relative(dir, file), () => {
          const text = readFileSync(file, "utf8");
          const expected = [...readExpectations(text), ...lastLineExpectations(text)];
          const actual = lintText(`/fixtures/${relative(dir, file)}`, text, settings, "cron");
          const unmatched = [...actual];
          for (const e of expected) {
            const i = unmatched.findIndex(
              (d) =>
                d.rule === e.rule &&
                d.range.start.line === e.line &&
                (e.startColumn === undefined || (d.range.start.character === e.startColumn && d.range.end.character === e.endColumn)) &&
                (!e.messagePart || d.message.includes(e.messagePart)),
            );
            const seen = actual
              .map((d) => `${d.range.start.line + 1}:${d.range.start.character}-${d.range.end.character} ${d.rule}: ${d.message}`)
              .join("\n  ");
            assert.ok(
              i >= 0,
              `line ${e.at + 1}: expected ${e.rule} on line ${e.line + 1}${e.messagePart ? ` saying "${e.messagePart}"` : ""}; got:\n  ${seen}`,
            );
            unmatched.splice(i, 1);
          }
          assert.deepEqual(
            unmatched.map((d) => `${d.range.start.line + 1}:${d.range.start.character}-${d.range.end.character} ${d.rule}: ${d.message}`),
            [],
            "diagnostics the fixture does not expect",
          );
        });
      }
    });
  }
});
