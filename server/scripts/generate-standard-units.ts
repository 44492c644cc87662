/**
 * Writes server/src/languages/systemd/data/standard-units.json: the
 * dependencies of the targets Debian's systemd package ships (sysinit.target,
 * basic.target, multi-user.target, ...) as its unit files state them, so that
 * the dependency graph knows the boot order between them when a workspace
 * does not hold their files. Reads the package's file list with `dpkg -L
 * systemd` and the files under /lib/systemd/system (or $STANDARD_UNITS_DIR).
 * Run: node --import tsx server/scripts/generate-standard-units.ts
 */
import { execFileSync } from "node:child_process";
import { lstatSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseUnitFile } from "../src/languages/systemd/parser.js";
import { splitWords } from "../src/languages/systemd/values/words.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
const out = join(repo, "server/src/languages/systemd/data/standard-units.json");
const dir = process.env.STANDARD_UNITS_DIR ?? "/lib/systemd/system";
const keys = ["Requires", "Requisite", "Wants", "BindsTo", "PartOf", "Upholds", "Conflicts", "Before", "After"] as const;

const version = execFileSync("dpkg-query", ["-W", "-f", "$" + "{Version}", "systemd"], { encoding: "utf8" }).trim();
const shipped = execFileSync("dpkg", ["-L", "systemd"], { encoding: "utf8" })
  .split("\n")
  .filter((p) => /\/lib\/systemd\/system\/[^/]+\.target$/.test(p))
  .map((p) => basename(p))
  .sort();

const units: Record<string, Record<string, string[] | boolean>> = {};
for (const name of [...new Set(shipped)]) {
  const path = join(dir, name);
  // An alias (default.target → graphical.target) is a link: keep the name it stands for, not a copy.
  if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) {
    units[name] = { aliasOf: [basename(readlinkSync(path))] };
    continue;
  }
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    continue;
  }
  const unit = parseUnitFile(text);
  const row: Record<string, string[] | boolean> = {};
  for (const section of unit.sections) {
    if (section.name !== "Unit") continue;
    for (const entry of section.entries) {
      if (entry.key === "DefaultDependencies") row.defaultDependencies = !/^(no|false|0|off)$/i.test(entry.value.trim());
      if (!(keys as readonly string[]).includes(entry.key)) continue;
      const split = splitWords(entry.value);
      if (!split.ok) continue;
      const list = (row[entry.key] as string[] | undefined) ?? [];
      list.push(...split.words.map((w) => w.text));
      row[entry.key] = list;
    }
  }
  units[name] = row;
}

writeFileSync(out, `${JSON.stringify({ source: `Debian systemd ${version}, ${dir}/*.target`, units }, null, 2)}\n`);
console.log(`wrote ${Object.keys(units).length} targets to ${out}`);
