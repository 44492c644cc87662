/**
 * Generates server/src/languages/logrotate/data/logrotate-data.json from the
 * fact table ../shared/data/logrotate-directives.tsv: the keywords that
 * `readConfigFile()` in logrotate 3.22.0's config.c (logrotate/logrotate
 * 41efb71b) recognises, with their argument types, scope, man page section of
 * logrotate.8, first release and whether logrotate 3.21.0 (Debian 12) has
 * them. Run with `node --import tsx server/scripts/generate-logrotate-data.ts`;
 * the output is committed so that a build never needs the shared folder, and
 * test/unit/logrotate-data.test.ts checks it is fresh.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readTable, sharedDataDir } from "./fact-tables.js";

const here = dirname(fileURLToPath(import.meta.url));

export { sharedDataDir };
export const outputFile = join(here, "../src/languages/logrotate/data/logrotate-data.json");

export function generate(): string {
  const directives = readTable("logrotate-directives.tsv").map((r) => ({
    name: r.directive,
    argType: r.arg_type,
    detail: r.arg_detail || undefined,
    scope: r.scope,
    manSection: r.man_section,
    firstRelease: r.first_release_in_config_c,
    inDebian12: (r["in_3.21.0"] ?? "").startsWith("yes"),
    partners: [...new Set((r.exclusive_or_negating_partners ?? "").split(/\s+/).filter(Boolean))],
    notes: r.notes || undefined,
  }));
  const data = {
    source:
      "../shared/data/logrotate-directives.tsv: logrotate 3.22.0 (logrotate/logrotate 41efb71b, config.c readConfigFile() and logrotate.8.in); Debian 12 ships logrotate 3.21.0 (5429847b)",
    directives,
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(outputFile, generate());
  console.log(`wrote ${outputFile}`);
}
