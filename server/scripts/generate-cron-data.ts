/**
 * Generates server/src/languages/cron/data/cron-data.json from the fact table
 * ../shared/data/cron-fields.tsv, which compares Debian's cron 3.0pl1 (the
 * Vixie 3.0 line, Debian 12), cronie 1.7.2 and cron-parser 5.10 (facts taken
 * from their sources, man pages and binaries; see ../shared/data/README.md).
 * Run with `node --import tsx server/scripts/generate-cron-data.ts`; the
 * output is committed so that a build never needs the shared folder, and
 * test/unit/cron-data.test.ts checks it is fresh.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Row, readTable, sharedDataDir } from "./fact-tables.js";

const here = dirname(fileURLToPath(import.meta.url));

export { sharedDataDir };
export const outputFile = join(here, "../src/languages/cron/data/cron-data.json");

const yes = (cell: string | undefined): boolean => (cell ?? "").startsWith("yes");
const words = (s: string | undefined): string[] => (s ? s.split(/\s+/).filter(Boolean) : []);

/** The dialects a row's implementation columns say "yes" for. */
function dialects(r: Row): string[] {
  const out: string[] = [];
  if (yes(r["debian_cron_3.0pl1"])) out.push("debian");
  if (yes(r["cronie_1.7.2"])) out.push("cronie");
  return out;
}

function field(r: Row) {
  const m = /^(\d+)-(\d+)$/.exec(r.range_or_form ?? "");
  return {
    name: r.item,
    min: m ? Number(m[1]) : undefined,
    max: m ? Number(m[2]) : undefined,
    names: words(r.names_allowed),
  };
}

export function generate(): string {
  const rows = readTable("cron-fields.tsv");
  const timeFields = ["minute", "hour", "day-of-month", "month", "day-of-week"];
  const fields = timeFields.map((name) => {
    const r = rows.find((x) => x.kind === "field" && x.item === name);
    if (!r) throw new Error(`cron-fields.tsv has no field row for ${name}`);
    return field(r);
  });
  const specials = rows
    .filter((r) => r.kind === "special")
    .map((r) => ({
      name: r.item,
      // The five-field schedule it stands for, when it has one (@reboot has none).
      expansion: /^[\d*]/.test(r.range_or_form ?? "") ? (r.range_or_form ?? "").replace(/\s*\(.*$/, "") : undefined,
      meaning: r.range_or_form,
      dialects: dialects(r),
      cronParser: yes(r["cron_parser_5.10.0"]),
    }));
  const env = rows
    .filter((r) => r.kind === "env" || (r.kind === "semantics" && /^[A-Z_]+$/.test(r.range_or_form ?? "")))
    .flatMap((r) =>
      (r.kind === "env" ? words(r.item) : [r.range_or_form ?? ""]).map((name) => ({
        name,
        meaning: r.kind === "env" ? r.range_or_form || r.notes : r.item,
        dialects: dialects(r),
        notes: r.notes || undefined,
      })),
    );
  const syntax = rows
    .filter((r) => r.kind === "syntax")
    .map((r) => ({
      token: r.item,
      form: r.range_or_form,
      dialects: dialects(r),
      cronParser: !/^(no|n\/a)/.test(r["cron_parser_5.10.0"] ?? ""),
      notes: r.notes || undefined,
    }));
  const data = {
    source:
      "../shared/data/cron-fields.tsv: Debian cron 3.0pl1-162 (Vixie 3.0 line), cronie 1.7.2 (cronie-crond/cronie 71894fee), cron-parser 5.10.0",
    fields,
    specials,
    env,
    syntax,
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(outputFile, generate());
  console.log(`wrote ${outputFile}`);
}
