/**
 * The TextMate grammar (syntaxes/systemd-unit.tmLanguage.json), tokenized
 * with the same engine VS Code uses (vscode-textmate + the oniguruma WASM
 * build). Each test states the scopes of tokens in a small unit text.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import vsctm from "vscode-textmate";
import { loadGrammar } from "../helpers/textmate.js";

const grammarPath = "syntaxes/systemd-unit.tmLanguage.json";
const configurationPath = "syntaxes/systemd-unit.language-configuration.json";

interface Token {
  text: string;
  scopes: string[];
}

let grammar: vsctm.IGrammar;

before(async () => {
  grammar = await loadGrammar(grammarPath, "source.systemd");
});

/** Tokenizes a text line by line, carrying the rule stack across lines as the editor does. */
function tokenize(text: string): Token[][] {
  let stack = vsctm.INITIAL;
  return text.split("\n").map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the token on `line` whose text is exactly `text`. */
function scopesOf(lines: Token[][], line: number, text: string): string[] {
  const token = lines[line]?.find((t) => t.text === text);
  const seen = (lines[line] ?? []).map((t) => `${JSON.stringify(t.text)} ${t.scopes.join(" ")}`).join("\n  ");
  assert.ok(token, `no token ${JSON.stringify(text)} on line ${line + 1}; tokens:\n  ${seen}`);
  return token.scopes;
}

function hasScope(scopes: string[], prefix: string): boolean {
  return scopes.some((s) => s === prefix || s.startsWith(`${prefix}.`));
}

function assertScope(lines: Token[][], line: number, text: string, prefix: string): void {
  const scopes = scopesOf(lines, line, text);
  assert.ok(hasScope(scopes, prefix), `${JSON.stringify(text)} on line ${line + 1} is ${scopes.join(" ")}, expected ${prefix}`);
}

function assertNoScope(lines: Token[][], line: number, text: string, prefix: string): void {
  const scopes = scopesOf(lines, line, text);
  assert.ok(!hasScope(scopes, prefix), `${JSON.stringify(text)} on line ${line + 1} is ${scopes.join(" ")}, expected no ${prefix}`);
}

describe("systemd-unit grammar", () => {
  it("is the grammar package.json contributes for systemd-unit", () => {
    const manifest = JSON.parse(readFileSync("package.json", "utf8"));
    const raw = JSON.parse(readFileSync(grammarPath, "utf8"));
    const contributed = manifest.contributes.grammars.find((g: { language: string }) => g.language === "systemd-unit");
    assert.equal(contributed.scopeName, raw.scopeName);
    assert.equal(contributed.path, `./${grammarPath}`);
  });

  it("scopes comment lines starting with # or ;, also indented", () => {
    const lines = tokenize("# a comment\n; another\n   # indented");
    assertScope(lines, 0, "#", "comment.line.number-sign");
    assertScope(lines, 0, "#", "punctuation.definition.comment");
    assertScope(lines, 0, " a comment", "comment.line.number-sign");
    assertScope(lines, 1, " another", "comment.line.semicolon");
    assertScope(lines, 2, " indented", "comment.line.number-sign");
    assertNoScope(lines, 2, "   ", "comment");
  });

  it("scopes a section header", () => {
    const lines = tokenize("[Unit]\n  [Service]  \n[Install] junk");
    assertScope(lines, 0, "Unit", "entity.name.section");
    assertScope(lines, 0, "[", "punctuation.definition.section.begin");
    assertScope(lines, 0, "]", "punctuation.definition.section.end");
    assertScope(lines, 1, "Service", "entity.name.section");
    assertScope(lines, 2, "[Install] junk", "invalid.illegal");
  });

  it("scopes key, = and value", () => {
    const lines = tokenize("[Unit]\nAfter = network-online.target");
    assertScope(lines, 1, "After", "support.type.property-name");
    assertScope(lines, 1, "=", "keyword.operator.assignment");
    assertScope(lines, 1, "network-online.target", "meta.value");
    assertNoScope(lines, 1, "network-online.target", "support.type.property-name");
  });

  it("does not scope a # after a value as a comment (systemd keeps it in the value)", () => {
    const lines = tokenize("[Service]\nRestart=always # restart forever\nUser=daemon ; not this either");
    for (const line of [1, 2]) {
      for (const token of lines[line] ?? []) assert.ok(!hasScope(token.scopes, "comment"), `${JSON.stringify(token.text)} is a comment`);
    }
    assertScope(lines, 1, "always # restart forever", "meta.value");
  });

  it("continues a value over lines ending in a backslash, with comment lines inside", () => {
    const text = [
      "[Service]",
      "ExecStart=/usr/bin/foo --one \\",
      "# skipped by systemd, the value goes on",
      "  [not-a-section] --two \\\\",
      "Type=simple",
    ].join("\n");
    const lines = tokenize(text);
    assertScope(lines, 1, "\\", "punctuation.separator.continuation");
    assertScope(lines, 2, "#", "comment.line.number-sign");
    assertScope(lines, 2, " skipped by systemd, the value goes on", "meta.value");
    // The third line is still the value: no section header, no key.
    assertScope(lines, 3, "  [not-a-section] --two ", "meta.value");
    assertNoScope(lines, 3, "  [not-a-section] --two ", "entity.name.section");
    // An escaped backslash at the end does not continue the line.
    assertScope(lines, 3, "\\\\", "constant.character.escape");
    assertScope(lines, 4, "Type", "support.type.property-name");
  });

  it("ends a continuation at a blank line", () => {
    const lines = tokenize("[Service]\nEnvironment=A=1 \\\n\nUser=x");
    assertScope(lines, 3, "User", "support.type.property-name");
  });

  it("scopes specifiers, and flags ones systemd does not know", () => {
    const lines = tokenize("[Service]\nExecStart=/usr/bin/foo %i --name=%n 100%%\nDescription=%F");
    assertScope(lines, 1, "%i", "constant.other.placeholder");
    assertScope(lines, 1, "%n", "constant.other.placeholder");
    assertScope(lines, 1, "%%", "constant.other.placeholder");
    assertScope(lines, 2, "%F", "invalid.illegal");
  });

  it("scopes a whole boolean value as a constant, not parts of other words", () => {
    const lines = tokenize("[Service]\nRemainAfterExit=yes\nPrivateTmp=true\nPersistent=0\nRestart=on-failure\nDescription=yes please");
    assertScope(lines, 1, "yes", "constant.language.boolean");
    assertScope(lines, 2, "true", "constant.language.boolean");
    assertScope(lines, 3, "0", "constant.language.boolean");
    assertNoScope(lines, 4, "on-failure", "constant");
    assertNoScope(lines, 5, "yes please", "constant");
  });

  it("scopes time spans, sizes and infinity as numbers, not digits in names or addresses", () => {
    const lines = tokenize(
      [
        "[Service]",
        "RestartSec=90s",
        "TimeoutStartSec=1h 30min",
        "MemoryMax=512M",
        "LimitNOFILE=infinity",
        "CPUQuota=50%",
        "ExecStart=/usr/bin/foo /dev/sda1 10.0.0.1",
      ].join("\n"),
    );
    assertScope(lines, 1, "90s", "constant.numeric");
    assertScope(lines, 2, "1h 30min", "constant.numeric");
    assertScope(lines, 3, "512M", "constant.numeric");
    assertScope(lines, 4, "infinity", "constant.numeric");
    assertScope(lines, 5, "50%", "constant.numeric");
    for (const token of lines[6] ?? []) assert.ok(!hasScope(token.scopes, "constant.numeric"), `${JSON.stringify(token.text)} is a number`);
  });

  it("scopes an OnCalendar= value as a calendar pattern (string.regexp), its times not as numbers", () => {
    const lines = tokenize(["[Timer]", "OnCalendar=*-*-* 06:30:00", "OnCalendar=Mon..Fri 25:00", "OnActiveSec=5min"].join("\n"));
    assertScope(lines, 1, "OnCalendar", "support.type.property-name");
    assertScope(lines, 1, "*-*-* 06:30:00", "string.regexp");
    assertScope(lines, 2, "Mon..Fri 25:00", "string.regexp");
    // A time span in a timer stays a number.
    assertScope(lines, 3, "5min", "constant.numeric");
    assertNoScope(lines, 3, "5min", "string.regexp");
  });

  it("scopes Exec prefixes, the executable, $VAR and braced variables, quoted strings", () => {
    const exec = ["ExecStartPre=-@/usr/bin/foo foo \"a b\" 'c d' $HOME ", "$", "{USER}"].join("");
    const lines = tokenize(`[Service]\n${exec}\nExecStart=/bin/sleep 5`);
    assertScope(lines, 1, "-@", "storage.modifier.exec-prefix");
    assertScope(lines, 1, "/usr/bin/foo", "entity.name.function");
    assertScope(lines, 1, "a b", "string.quoted.double");
    assertScope(lines, 1, "c d", "string.quoted.single");
    assertScope(lines, 1, "HOME", "variable.other");
    assertScope(lines, 1, "USER", "variable.other");
    assertScope(lines, 1, "${", "punctuation.definition.variable");
    assertNoScope(lines, 2, "/bin/sleep", "storage.modifier");
    assertScope(lines, 2, "5", "constant.numeric");
  });

  it("does not start a string at an apostrophe inside a word", () => {
    const lines = tokenize("[Unit]\nDescription=Bob's backup\nAfter=x.target");
    assertNoScope(lines, 1, "Bob's backup", "string");
    assertScope(lines, 2, "After", "support.type.property-name");
  });

  it("scopes condition prefixes", () => {
    const lines = tokenize("[Unit]\nConditionPathExists=|!/etc/foo");
    assertScope(lines, 1, "|!", "keyword.operator.logical");
  });
});

describe("systemd-unit language configuration", () => {
  const configuration = JSON.parse(readFileSync(configurationPath, "utf8"));

  it("keeps keys, unit names, instances and escapes as single words", () => {
    const word = new RegExp(configuration.wordPattern, "g");
    assert.deepEqual("Wants=network-online.target getty@tty1.service dev-disk-by\\x2dlabel-data.device".match(word), [
      "Wants",
      "network-online.target",
      "getty@tty1.service",
      "dev-disk-by\\x2dlabel-data.device",
    ]);
  });

  it("comments with # and pairs brackets and quotes", () => {
    assert.equal(configuration.comments.lineComment, "#");
    assert.deepEqual(configuration.brackets, [["[", "]"]]);
    assert.deepEqual(
      configuration.autoClosingPairs.map((p: { open: string; close: string }) => p.open + p.close),
      ["[]", '""', "''"],
    );
    for (const marker of Object.values<string>(configuration.folding.markers)) new RegExp(marker);
  });
});
