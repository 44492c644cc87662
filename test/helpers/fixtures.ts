import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../../server/src/core/diagnostic.js";
import { defaultSettings, type Settings, settingsFromConfiguration } from "../../server/src/core/settings.js";
import type { Expectation } from "./expectations.js";

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
