/** Reads the tab-separated fact tables of ../shared/data (one header line, no quoting). */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const sharedDataDir = join(dirname(fileURLToPath(import.meta.url)), "../../../shared/data");

export type Row = Record<string, string>;

export function readTable(name: string): Row[] {
  const lines = readFileSync(join(sharedDataDir, name), "utf8")
    .split("\n")
    .filter((l) => l.length > 0);
  const header = (lines[0] ?? "").split("\t");
  return lines.slice(1).map((line) => {
    const cells = line.split("\t");
    const row: Row = {};
    header.forEach((h, i) => {
      row[h] = (cells[i] ?? "").trim();
    });
    return row;
  });
}
