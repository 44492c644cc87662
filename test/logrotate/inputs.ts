import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { fixtureFiles } from "../helpers/fixtures.js";

/**
 * Every logrotate config the differential test sends to both `logrotate -d`
 * and Etcetera: the rule fixtures (broken on purpose, or mistakes logrotate
 * accepts), the clean ones, our own broken files, and the Debian corpus
 * when it has been fetched.
 */
export interface DiffInput {
  /** Stable key for the recorded verdicts: a repository path, or corpus:<package>/<file>. */
  key: string;
  /** The file name in logrotate.d (logrotate names it in its messages). */
  name: string;
  /** The path Etcetera lints it as. */
  lintPath: string;
  text: string;
  sha: string;
  group: "fixture" | "clean" | "broken" | "corpus";
}

export const corpusDir = ".cache/corpus-logrotate";
const fixtures = "test/fixtures/logrotate";
const broken = "test/logrotate/broken";

const sha = (text: string) => createHash("sha1").update(text).digest("hex").slice(0, 12);

function input(key: string, name: string, text: string, group: DiffInput["group"]): DiffInput {
  const lintPath = name === "logrotate.conf" ? "/etc/logrotate.conf" : `/etc/logrotate.d/${name}`;
  return { key, name, lintPath, text, sha: sha(text), group };
}

export function repositoryInputs(): DiffInput[] {
  const out: DiffInput[] = [];
  for (const file of fixtureFiles(fixtures)) {
    if (file.endsWith("settings.json")) continue;
    const group = relative(fixtures, file).startsWith("clean/") ? "clean" : "fixture";
    out.push(input(file, basename(file), readFileSync(file, "utf8"), group));
  }
  for (const file of fixtureFiles(broken)) out.push(input(file, basename(file), readFileSync(file, "utf8"), "broken"));
  return out;
}

export function corpusInputs(): DiffInput[] {
  const manifest = join(corpusDir, "manifest.tsv");
  if (!existsSync(manifest)) return [];
  return readFileSync(manifest, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((row) => {
      const [pkg, , rel] = row.split("\t") as [string, string, string];
      return input(`corpus:${pkg}/${rel}`, basename(rel), readFileSync(join(corpusDir, "files", pkg, rel), "utf8"), "corpus");
    });
}

export interface RecordedVerdict {
  sha: string;
  accepted: boolean;
  errorLines: number[];
  notes: number;
}

export const verdictsFile = "test/logrotate/verdicts.json";

export function recordedVerdicts(): Record<string, RecordedVerdict> {
  return existsSync(verdictsFile) ? (JSON.parse(readFileSync(verdictsFile, "utf8")) as Record<string, RecordedVerdict>) : {};
}
