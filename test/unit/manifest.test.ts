import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { kindOfLanguageId } from "../../server/src/core/kinds.js";

interface Language {
  id: string;
  icon?: { light: string; dark: string };
  configuration?: string;
}
const manifest = JSON.parse(readFileSync("package.json", "utf8")) as {
  activationEvents: string[];
  contributes: { languages: Language[]; grammars: { language: string; path: string }[] };
};

describe("extension manifest", () => {
  for (const language of manifest.contributes.languages) {
    it(`${language.id}: icon, grammar, configuration, activation and a server kind`, () => {
      assert.ok(language.icon && existsSync(language.icon.light) && existsSync(language.icon.dark), "icon files exist");
      assert.ok(language.configuration && existsSync(language.configuration), "language configuration exists");
      const grammar = manifest.contributes.grammars.find((g) => g.language === language.id);
      assert.ok(grammar && existsSync(grammar.path), "grammar exists");
      assert.ok(manifest.activationEvents.includes(`onLanguage:${language.id}`), "activates on the language");
      assert.ok(kindOfLanguageId(language.id), "the server checks the language");
    });
  }
});
