import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defaultSettings } from "../../server/src/core/settings.js";
import { cronContext } from "../../server/src/languages/cron/context.js";
import { parseCrontab } from "../../server/src/languages/cron/parser.js";

export const corpusDir = ".cache/corpus-cron";

export interface CorpusFile {
  /** package/etc/cron.d/name */
  key: string;
  package: string;
  /** The path the file has on a host (/etc/cron.d/name). */
  hostPath: string;
  text: string;
}

/** Fetches the corpus with test/corpus/fetch-debian-cron.sh when it is missing and apt-get is there. */
export function ensureCorpus(): boolean {
  if (existsSync(join(corpusDir, "manifest.tsv"))) return true;
  if (!existsSync("/usr/bin/apt-get") || process.getuid?.() !== 0) return false;
  const r = spawnSync("bash", ["test/corpus/fetch-debian-cron.sh", corpusDir], { stdio: "inherit", timeout: 600_000 });
  return r.status === 0 && existsSync(join(corpusDir, "manifest.tsv"));
}

/** The user names the corpus's system crontabs run jobs as (to give the daemon those accounts). */
export function corpusUsers(files: CorpusFile[]): string[] {
  const users = new Set<string>();
  for (const f of files) {
    const ctx = cronContext(parseCrontab(f.text), { path: f.hostPath, settings: defaultSettings, workspace: { unitNames: () => [] } });
    for (const j of ctx.jobs) if (j.user) users.add(j.user.text);
  }
  return [...users].sort();
}

export function corpusFiles(): CorpusFile[] {
  return readFileSync(join(corpusDir, "manifest.tsv"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((row) => {
      const [pkg, , rel] = row.split("\t") as [string, string, string];
      return { key: `${pkg}/${rel}`, package: pkg, hostPath: `/${rel}`, text: readFileSync(join(corpusDir, "files", pkg, rel), "utf8") };
    });
}
