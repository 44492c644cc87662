/**
 * Every string a user reads comes from one place a translator can take:
 * the manifest's through package.nls.json (%key% in package.json), the
 * client's through vscode.l10n.t with l10n/bundle.l10n.json listing them.
 * Fails on a user-visible literal in package.json, on a %key% without its
 * text (or a text nothing uses), on a stale bundle, and on a message, title
 * or prompt the client shows without l10n.t.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { bundleText } from "../../scripts/l10n-bundle.mjs";
import { nlsBundle, rawManifest } from "../helpers/manifest.js";

/** Manifest fields VS Code shows to users (language aliases are names, not text, and stay as they are). */
const visibleFields = new Set([
  "displayName",
  "description",
  "markdownDescription",
  "title",
  "shortTitle",
  "category",
  "contextualTitle",
  "contents",
  "label",
  "altText",
  "deprecationMessage",
  "markdownDeprecationMessage",
  "enumDescriptions",
  "markdownEnumDescriptions",
]);

/** [path, text] of every user-visible string of the manifest. */
function visibleStrings(node: unknown, path: string[] = [], inViews = false): [string, string][] {
  if (Array.isArray(node)) return node.flatMap((v, i) => visibleStrings(v, [...path, String(i)], inViews));
  if (!node || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([k, v]): [string, string][] => {
    const here = [...path, k];
    const visible = visibleFields.has(k) || (k === "name" && inViews);
    if (visible && typeof v === "string") return [[here.join("."), v]];
    if (visible && Array.isArray(v)) return v.filter((s) => typeof s === "string").map((s, i) => [`${here.join(".")}.${i}`, s as string]);
    return visibleStrings(v, here, inViews || (k === "views" && path.join(".") === "contributes"));
  });
}

function clientFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? clientFiles(full) : name.endsWith(".ts") ? [full] : [];
  });
}

describe("l10n", () => {
  const manifest = rawManifest() as Record<string, unknown>;
  const nls = nlsBundle();
  const visible = [
    ...visibleStrings({ displayName: manifest.displayName, description: manifest.description }),
    ...visibleStrings({ contributes: manifest.contributes }),
  ];

  it("package.json has no user-visible literal: each is a %key% of package.nls.json", () => {
    assert.ok(visible.length > 50, `${visible.length} strings found`);
    const literal = visible.filter(([, text]) => !/^%[\w.-]+%$/.test(text));
    assert.deepEqual(literal, [], "move these to package.nls.json and refer to them as %key%");
  });

  it("every %key% has its text, and every text is used", () => {
    const used = new Set(visible.map(([, text]) => /^%([\w.-]+)%$/.exec(text)?.[1]).filter(Boolean));
    for (const key of used) assert.ok(typeof nls[key as string] === "string", `%${key}% has no text in package.nls.json`);
    for (const key of Object.keys(nls)) assert.ok(used.has(key), `package.nls.json: '${key}' is used nowhere`);
  });

  it("the client's bundle lists every l10n.t message (node scripts/l10n-bundle.mjs)", () => {
    assert.equal(readFileSync("l10n/bundle.l10n.json", "utf8"), bundleText());
    assert.equal((manifest as { l10n?: string }).l10n, "./l10n");
  });

  it("the client shows no message, title or prompt without l10n.t", () => {
    // A user-facing call or field whose text is a literal with words in it (not a version list such as "252 (Debian 12)");
    // a line marked l10n-ignore says why it is not shown.
    const shown =
      /(show(Information|Warning|Error)Message\(\s*|\b(title|prompt|placeHolder|label|detail|tooltip|message)\s*[:=]\s*)(["'`])(?!\d)[^"'`]*[A-Za-z]{3}/;
    const offenders: string[] = [];
    for (const file of clientFiles("client/src")) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (shown.test(line) && !line.includes("l10n.t(") && !line.includes("l10n-ignore") && !/^\s*(\/\/|\*)/.test(line))
            offenders.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(offenders, []);
  });
});
