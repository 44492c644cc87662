import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, it } from "node:test";
import type { Diagnostic, RuleMeta } from "../../server/src/core/diagnostic.js";
import type { FileKind } from "../../server/src/core/language.js";
import { defaultSettings, type Settings, settingsFromConfiguration } from "../../server/src/core/settings.js";
import { type Expectation, readExpectations } from "./expectations.js";
import { lintText } from "./lint.js";

/** The fixture files under a folder, recursively (a folder's settings.json is configuration, not a fixture). */
export function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return fixtureFiles(full);
    return name === "settings.json" ? [] : [full];
  });
}

/** The settings a fixture folder asks for in its settings.json, or the defaults. */
export function folderSettings(dir: string): Settings {
  const file = join(dir, "settings.json");
  return existsSync(file) ? settingsFromConfiguration(JSON.parse(readFileSync(file, "utf8"))) : defaultSettings;
}

const show = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character}-${d.range.end.character} ${d.rule}: ${d.message}`;

/** Every expectation is met by its own diagnostic, and no diagnostic is left over. */
export function assertDiagnosticsMatch(actual: Diagnostic[], expected: Expectation[]): void {
  const unmatched = [...actual];
  for (const e of expected) {
    const i = unmatched.findIndex(
      (d) =>
        d.rule === e.rule &&
        d.range.start.line === e.line &&
        (e.startColumn === undefined || (d.range.start.character === e.startColumn && d.range.end.character === e.endColumn)) &&
        (!e.messagePart || d.message.includes(e.messagePart)),
    );
    assert.ok(
      i >= 0,
      `line ${e.at + 1}: expected ${e.rule} on line ${e.line + 1}${e.messagePart ? ` saying "${e.messagePart}"` : ""}; got:\n  ${actual.map(show).join("\n  ")}`,
    );
    unmatched.splice(i, 1);
  }
  assert.deepEqual(unmatched.map(show), [], "diagnostics the fixture does not expect");
}

export interface RuleFixtureOptions {
  /** Where the fixture at `relativePath` (inside its rule folder) is linted as living. */
  pathFor(relativePath: string): string;
  kind?: FileKind;
  /** Expectations a file states in another form than comments under lines. */
  extraExpectations?(text: string): Expectation[];
}

/**
 * The specification of a language's rules: every rule has a folder under
 * `root`, and every file there produces exactly the diagnostics its comments
 * state (with the folder's settings.json, if any). Call inside a describe().
 */
export function ruleFixtureSuites(root: string, rules: readonly RuleMeta[], options: RuleFixtureOptions): void {
  it("every rule has a fixture folder", () => {
    for (const rule of rules) assert.ok(existsSync(join(root, rule.id.split("/")[1] as string)), `missing fixtures for ${rule.id}`);
  });
  for (const folder of readdirSync(root).sort()) {
    const dir = join(root, folder);
    if (!statSync(dir).isDirectory()) continue;
    const settings = folderSettings(dir);
    describe(folder, () => {
      for (const file of fixtureFiles(dir)) {
        it(relative(dir, file), () => {
          const text = readFileSync(file, "utf8");
          const expected = [...readExpectations(text), ...(options.extraExpectations?.(text) ?? [])];
          // A subfolder may bring its own settings.json (e.g. another program version).
          // A subfolder without one (cron.d/) keeps its rule folder's.
          const own = dirname(file) === dir || !existsSync(join(dirname(file), "settings.json")) ? settings : folderSettings(dirname(file));
          assertDiagnosticsMatch(lintText(options.pathFor(relative(dir, file)), text, own, options.kind), expected);
        });
      }
    });
  }
}
