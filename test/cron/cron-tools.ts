/**
 * Verdicts of Debian's cron itself: `crontab -n` for user crontabs and the
 * daemon (run by run-cron-daemon.sh in a private mount namespace) for
 * system crontabs. Both stop at the first bad line; the line is pinned by
 * checking every prefix of the file (the first rejected prefix ends with
 * the bad line), since the daemon names no line and crontab's count is off
 * by one whenever it has already read the line's newline. Users the files
 * name can be added to the daemon's private /etc/passwd (`extraUsers`).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface CronVerdict {
  accepted: boolean;
  /** cron's message (`bad minute`, `Missing newline before EOF`, ...). */
  message?: string;
  /** 1-based line cron stops at. */
  line?: number;
}

const daemonScript = join(import.meta.dirname, "run-cron-daemon.sh");

/** The Debian cron version, or undefined when cron is not installed. */
export function cronVersion(): string | undefined {
  const r = spawnSync("dpkg-query", ["-W", "-f=\u0024{Version}", "cron"], { encoding: "utf8" });
  return r.status === 0 && r.stdout ? r.stdout : undefined;
}

/** Installs Debian's cron when it is missing and we may (root with apt-get); returns whether it is there. */
export function ensureCron(): boolean {
  if (cronVersion()) return true;
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) return false;
  spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "cron"], {
    stdio: "ignore",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return cronVersion() !== undefined;
}

/** Whether the daemon can be run here: root, unshare and cron present. */
export function canRunDaemon(): boolean {
  return process.getuid?.() === 0 && existsSync("/usr/bin/unshare") && existsSync("/usr/sbin/cron");
}

function prefixes(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((_, i) => `${lines.slice(0, i + 1).join("\n")}\n`);
}

function crontabCheck(dir: string, text: string): { accepted: boolean; message?: string } {
  const file = join(dir, "crontab");
  writeFileSync(file, text);
  const r = spawnSync("crontab", ["-n", file], { encoding: "utf8" });
  if (r.status === 0) return { accepted: true };
  const out = `${r.stdout}${r.stderr}`;
  const m = /"[^"]*":\d+: (.*)/.exec(out) ?? /^(new crontab file is missing newline before EOF)/m.exec(out);
  return { accepted: false, message: m?.[1] ?? out.trim() };
}

/** `crontab -n` on a user crontab (as root, so no user of this machine is involved). */
export function crontabVerdict(text: string): CronVerdict {
  const dir = mkdtempSync(join(tmpdir(), "etcetera-crontab-"));
  try {
    const whole = crontabCheck(dir, text);
    if (whole.accepted) return whole;
    const all = prefixes(text);
    const bad = all.findIndex((p) => !crontabCheck(dir, p).accepted);
    return { accepted: false, message: whole.message, line: bad >= 0 ? bad + 1 : all.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The daemon's verdict on system crontabs (/etc/cron.d files), all in one short run. */
export function daemonVerdicts(files: Record<string, string>, extraUsers: string[] = []): Record<string, CronVerdict> {
  const dir = mkdtempSync(join(tmpdir(), "etcetera-cron.d-"));
  const names = Object.keys(files);
  try {
    names.forEach((name, i) => {
      const text = files[name] as string;
      const id = `f${String(i).padStart(3, "0")}`;
      writeFileSync(join(dir, id), text);
      prefixes(text).forEach((p, k) => {
        writeFileSync(join(dir, `${id}-p${k + 1}`), p);
      });
    });
    for (const f of readdirSync(dir)) chmodSync(join(dir, f), 0o644);
    const log = execFileSync(daemonScript, [dir], {
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, ETCETERA_CRON_USERS: extraUsers.filter((u) => /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(u)).join(" ") },
    });
    const errors = new Map<string, string>();
    for (const m of log.matchAll(/^Error: (.*); while reading \/etc\/cron\.d\/(\S+)$/gm)) errors.set(m[2] as string, m[1] as string);
    for (const m of log.matchAll(/^\(\*system\*(\S+)\) ERROR \((.*?)(?:, this crontab file will be ignored)?\)$/gm))
      if (!errors.has(m[1] as string)) errors.set(m[1] as string, m[2] as string);
    if (!/@reboot/.test(log)) throw new Error(`the cron daemon did not finish reading its files:\n${log}`);
    const out: Record<string, CronVerdict> = {};
    names.forEach((name, i) => {
      const id = `f${String(i).padStart(3, "0")}`;
      const message = errors.get(id);
      if (message === undefined) {
        out[name] = { accepted: true };
        return;
      }
      const count = prefixes(files[name] as string).length;
      let line = count;
      for (let k = 1; k <= count; k++)
        if (errors.has(`${id}-p${k}`)) {
          line = k;
          break;
        }
      out[name] = { accepted: false, message, line };
    });
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
