/**
 * Writes docs/rules/<language>/<rule>.md for every registered rule, and the
 * index docs/rules/README.md, from the rules' own metadata and the first
 * fixture that shows the rule (test/fixtures/<language>/<rule>/). Pages of
 * rules that no longer exist are removed. Run with
 * `node --import tsx server/scripts/generate-rule-docs.ts` (part of
 * `npm run generate`); test/unit/rule-docs.test.ts checks the pages are fresh.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { RuleMeta } from "../src/core/diagnostic.js";
import { allRules } from "../src/core/languages.js";
import { ruleDocPage, ruleDocPath } from "../src/core/rule-docs.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return filesUnder(full);
      return name === "settings.json" ? [] : [full];
    });
}

/** The first fixture of the rule's folder that expects the rule, shown as an example (at most 40 lines). */
function exampleOf(meta: RuleMeta): { name: string; text: string } | undefined {
  for (const file of filesUnder(join(repo, "test/fixtures", meta.id))) {
    const text = readFileSync(file, "utf8");
    if (!text.includes(meta.id) || text.includes("\0")) continue;
    const lines = text.split("\n");
    const shown = lines.length > 40 ? [...lines.slice(0, 40), "…"] : lines;
    return { name: relative(join(repo, "test/fixtures", meta.id), file), text: shown.join("\n") };
  }
  return undefined;
}

/** Every page the generator would write, keyed by path relative to the repository. */
export function ruleDocPages(): Map<string, string> {
  const pages = new Map<string, string>();
  const rules = [...allRules()].sort((a, b) => a.id.localeCompare(b.id));
  for (const meta of rules) pages.set(ruleDocPath(meta.id), ruleDocPage(meta, exampleOf(meta)));
  const index = [
    "# Rules",
    "",
    "Every diagnostic Etcetera reports, with its default severity. Generated from the rules themselves (`npm run generate`).",
    "",
    "| rule | default | what |",
    "| --- | --- | --- |",
    ...rules.map((m) => `| [\`${m.id}\`](${m.id}.md) | ${m.severity} | ${m.doc.replace(/\|/g, "\\|")} |`),
    "",
  ];
  pages.set("docs/rules/README.md", index.join("\n"));
  return pages;
}

export function writeRuleDocs(): void {
  const pages = ruleDocPages();
  for (const file of filesUnder(join(repo, "docs/rules"))) {
    if (!pages.has(relative(repo, file))) rmSync(file);
  }
  for (const [path, text] of pages) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  console.log(`generate-rule-docs: ${pages.size - 1} rule pages in docs/rules`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeRuleDocs();
