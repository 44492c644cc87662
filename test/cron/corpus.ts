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
  /** system: read by the daemon from /etc/cron.d; user: installed with crontab. */
  kind: "system" | "user";
  /** Where the file is linted as living: its own path under /etc, else a cron.d name or a user's crontab. */
  hostPath: string;
  text: string;
}

/** A documentation crontab's path once installed: a cron.d name cron reads, or a user's crontab. */
function hostPathOf(pkg: string, rel: string, kind: "system" | "user"): string {
  if (rel.startsWith("etc/")) return `/${rel}`;
  const base = `${pkg}-${rel.split("/").pop() ?? "example"}`.replace(/[^A-Za-z0-9_-]/g, "-");
  return kind === "system" ? `/etc/cron.d/${base}` : `/var/spool/cron/crontabs/${base}`;
}

/** Fetches the corpus with test/corpus/fetch-debian-cron.sh when it is missing and apt-get is there. */
export function ensureCorpus(): boolean {
  // A manifest from before the kind column (four columns now) is refetched.
  const manifest = join(corpusDir, "manifest.tsv");
  if (existsSync(manifest) && readFileSync(manifest, "utf8").split("\n")[0]?.split("\t").length === 4) return true;
  if (!existsSync("/usr/bin/apt-get") || process.getuid?.() !== 0) return false;
  const r = spawnSync("bash", ["test/corpus/fetch-debian-cron.sh", corpusDir], { stdio: "inherit", timeout: 600_000 });
  return r.status === 0 && existsSync(manifest);
}

/** The user names the corpus's system crontabs run jobs as (to give the daemon those accounts). */
export function corpusUsers(files: CorpusFile[]): string[] {
  const users = new Set<string>();
  for (const f of files) {
    if (f.kind !== "system") continue;
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
      const [pkg, , rel, column] = row.split("\t") as [string, string, string, string | undefined];
      const kind = column === "user" ? "user" : "system";
      return {
        key: `${pkg}/${rel}`,
        package: pkg,
        kind,
        hostPath: hostPathOf(pkg, rel, kind),
        text: readFileSync(join(corpusDir, "files", pkg, rel), "utf8"),
      };
    });
}
