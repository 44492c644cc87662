/**
 * What a job really gets from the environment lines of its crontab: a probe
 * cron.d file with lines written the ways people write them (quotes, $PATH,
 * '~', a trailing comment, inner quotes) and a job that dumps its
 * environment, run once by Debian's daemon (run-cron-daemon.sh with
 * ETCETERA_CRON_UNTIL; up to a minute). The recorder keeps the result in
 * verdicts.json; test/cron/env-probe.test.ts holds our parser to it.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The probe's environment lines; the job line is added with the output path. */
export const probeEnvLines = [
  "PATH=$PATH:/opt/bin",
  'A="quoted value"',
  "B='single quoted'",
  "C=value # a comment",
  "D =   spaced out   ",
  'E=/usr/bin:"/opt/my tools"',
  "F=~/app",
  'G="$HOME/x"',
  "MAIL_TO=ops@example.com",
];

/** The variables the probe reads back (cron's own HOME, SHELL, LOGNAME too). */
export const probeNames = ["PATH", "A", "B", "C", "D", "E", "F", "G", "MAIL_TO", "HOME", "SHELL", "LOGNAME"];

/** A second file without any environment line: cron's defaults. */
export const defaultsProbe = "";

/** Runs the daemon until both probe jobs have run; returns each file's job environment (name → value). */
export function runEnvProbe(daemonScript: string): { probe: Record<string, string>; defaults: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), "etcetera-env-crond-"));
  const out = mkdtempSync(join(tmpdir(), "etcetera-env-out-"));
  try {
    const job = (file: string) =>
      `* * * * * root /usr/bin/env > ${join(out, `${file}.tmp`)} && /bin/mv ${join(out, `${file}.tmp`)} ${join(out, file)}\n`;
    writeFileSync(join(dir, "probe"), `${probeEnvLines.join("\n")}\n${job("probe")}`);
    writeFileSync(join(dir, "defaults"), job("defaults"));
    chmodSync(join(dir, "probe"), 0o644);
    chmodSync(join(dir, "defaults"), 0o644);
    execFileSync(daemonScript, [dir], {
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, ETCETERA_CRON_UNTIL: join(out, "probe") },
    });
    // The defaults job runs in the same minute; give it a moment if it is behind.
    for (let i = 0; i < 20 && !existsSync(join(out, "defaults")); i++) execFileSync("sleep", ["0.1"]);
    const read = (file: string) =>
      Object.fromEntries(
        readFileSync(join(out, file), "utf8")
          .split("\n")
          .filter((l) => l.includes("="))
          .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)])
          .filter(([name]) => probeNames.includes(name as string)),
      );
    return { probe: read("probe"), defaults: read("defaults") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}
