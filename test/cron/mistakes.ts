import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Realistic crontab mistakes that Debian's cron accepts (test/fixtures/cron-mistakes):
 * user crontabs as `crontab` installs them, system crontabs as the daemon reads
 * /etc/cron.d. Each folder has a twin with the suffix `-fixed` holding the
 * corrected file under the same name.
 */
export const mistakesDir = "test/fixtures/cron-mistakes";

export interface MistakeFile {
  /** user/m01-root-field.crontab, system-fixed/s01-... */
  key: string;
  kind: "user" | "system";
  fixed: boolean;
  name: string;
  text: string;
}

export function mistakeFiles(): MistakeFile[] {
  return (["user", "user-fixed", "system", "system-fixed"] as const).flatMap((folder) =>
    readdirSync(join(mistakesDir, folder))
      .sort()
      .map((name) => ({
        key: `${folder}/${name}`,
        kind: folder.startsWith("user") ? ("user" as const) : ("system" as const),
        fixed: folder.endsWith("-fixed"),
        name,
        text: readFileSync(join(mistakesDir, folder, name), "utf8"),
      })),
  );
}

/** Where a mistake file is linted as living: a user's crontab, or a cron.d file. */
export function mistakePath(file: MistakeFile): string {
  return file.kind === "system" ? `/etc/cron.d/${file.name}` : `/var/spool/cron/crontabs/${file.name}`;
}
