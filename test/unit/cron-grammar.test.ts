/**
 * The crontab TextMate grammar, tokenized with the engine VS Code uses, and
 * the crontab snippets, whose bodies (placeholders filled with their
 * defaults) must lint clean.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import vsctm from "vscode-textmate";
import { lintText } from "../helpers/lint.js";
import { loadGrammar } from "../helpers/textmate.js";

const grammarPath = "syntaxes/crontab.tmLanguage.json";
let grammar: vsctm.IGrammar;

before(async () => {
  grammar = await loadGrammar(grammarPath, "source.crontab");
});

function scopes(line: string, text: string): string[] {
  const tokens = grammar.tokenizeLine(line, vsctm.INITIAL).tokens;
  const t = tokens.find((t) => line.slice(t.startIndex, t.endIndex) === text);
  assert.ok(t, `no token ${JSON.stringify(text)} in ${JSON.stringify(line)}`);
  return t.scopes;
}

describe("crontab grammar", () => {
  it("is the grammar package.json contributes for crontab", () => {
    const manifest = JSON.parse(readFileSync("package.json", "utf8"));
    const contributed = manifest.contributes.grammars.find((g: { language: string }) => g.language === "crontab");
    assert.equal(contributed.scopeName, JSON.parse(readFileSync(grammarPath, "utf8")).scopeName);
    assert.equal(contributed.path, `./${grammarPath}`);
  });

  it("scopes comments, variables, shorthands, fields, names and '%'", () => {
    assert.ok(scopes("  # nightly", " nightly").includes("comment.line.number-sign.cron"));
    assert.ok(scopes('MAILTO=""', "MAILTO").includes("variable.other.env.cron"));
    assert.ok(scopes("@daily /bin/job", "@daily").includes("keyword.control.shorthand.cron"));
    assert.ok(scopes("*/15 9-17 * * mon-fri /bin/job", "mon").includes("support.constant.name.cron"));
    assert.ok(scopes("*/15 9-17 * * mon-fri /bin/job", "9").includes("constant.numeric.schedule.cron"));
    assert.ok(scopes("0 0 * * * date +%Y", "%").includes("keyword.operator.stdin.cron"));
    assert.ok(scopes("0 0 * * * date +\\%Y", "\\%").includes("constant.character.escape.cron"));
    assert.ok(!scopes("0 0 * * * echo # not a comment", "echo # not a comment").some((s) => s.startsWith("comment")));
  });
});

describe("crontab snippets", () => {
  const snippets = JSON.parse(readFileSync("snippets/crontab.json", "utf8")) as Record<string, { body: string[] }>;
  for (const [name, s] of Object.entries(snippets)) {
    it(`'${name}' expands to a line that lints clean`, () => {
      const text = `${s.body
        .join("\n")
        .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, "$1")
        .replace(/\$\{\d+:([^}]*)\}/g, "$1")
        .replace(/\$\d+/g, "")}\n`;
      const path = name.includes("system") ? "/etc/cron.d/job" : "/home/u/jobs.crontab";
      assert.deepEqual(
        lintText(path, text, undefined, "cron").map((d) => `${d.rule}: ${d.message}`),
        [],
        text,
      );
    });
  }
});
