import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const binary = "/usr/sbin/logrotate";

/** Whether logrotate is here, installing it (as root, with apt-get) when it is not. */
export function ensureLogrotate(): boolean {
  if (existsSync(binary)) return true;
  if (!existsSync("/usr/bin/apt-get") || process.getuid?.() !== 0) return false;
  spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "logrotate"], {
    stdio: "ignore",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    timeout: 300_000,
  });
  return existsSync(binary);
}

export interface LogrotateVerdict {
  accepted: boolean;
  /** 1-based lines that logrotate's "error: FILE:LINE ..." messages name in the checked file. */
  errorLines: number[];
  errors: string[];
  /** Its "note: 'x' overrides previously specified 'y'" lines: true findings of conflicting directives. */
  notes: string[];
  /** Errors about this machine, not the config: a missing log directory or olddir. */
  hostErrors: string[];
}

/** Errors that depend on the machine logrotate runs on, not on the config text. */
const hostOnly = [
  /^error: stat of .* failed: /,
  /error verifying (log file|olddir|created olddir) path/,
  /are on different devices$/,
  /^error: .*glob failed for/,
];

export interface VerdictInput {
  /** The file name in logrotate.d. */
  name: string;
  text: string;
}

/** The users and groups a config names in su/create/createolddir, so that a scratch passwd can have them. */
function namedOwners(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/^\s*(?:su|create|createolddir)\s+(.+)$/gm))
    for (const w of (m[1] as string).split(/\s+/)) if (/^[A-Za-z_][A-Za-z0-9_.-]*\$?$/.test(w)) out.add(w);
  return [...out];
}

/**
 * Runs `logrotate -d` on each config the way Debian does: a logrotate.conf
 * like Debian 12's (weekly, rotate 4, create, include the directory) and the
 * config as the one file of its logrotate.d, with /var/log pointed into a
 * scratch directory (nothing real is touched). As root it runs in a private
 * mount namespace whose /etc/passwd and /etc/group also hold every user and
 * group the configs name, as the packages' own installers would have made
 * them; elsewhere those come out as "unknown user" errors.
 */
export function logrotateVerdicts(inputs: readonly VerdictInput[]): LogrotateVerdict[] {
  const dir = mkdtempSync(join(tmpdir(), "etcetera-logrotate-"));
  chmodSync(dir, 0o755); // `su` switches users, who must still reach the scratch logs
  try {
    const script: string[] = ["set -u"];
    inputs.forEach((input, i) => {
      const base = join(dir, String(i));
      mkdirSync(join(base, "logrotate.d"), { recursive: true });
      mkdirSync(join(base, "var/log"), { recursive: true });
      writeFileSync(join(base, "logrotate.conf"), `weekly\nrotate 4\ncreate\ninclude ${base}/logrotate.d\n`, { mode: 0o644 });
      // Log paths point into the scratch directory; an include of the real logrotate.d points at an empty one.
      mkdirSync(join(base, "empty.d"));
      const text = input.text.replaceAll("/var/log/", `${base}/var/log/`).replaceAll("/etc/logrotate.d", `${base}/empty.d`);
      writeFileSync(join(base, "logrotate.d", input.name), text, { mode: 0o644 });
      script.push(`echo "@@@ ${i}"; ${binary} -d -s ${base}/state ${base}/logrotate.conf 2>&1`);
    });
    let runner = ["bash", join(dir, "run.sh")];
    if (process.getuid?.() === 0 && existsSync("/usr/bin/unshare")) {
      const owners = [...new Set(inputs.flatMap((x) => namedOwners(x.text)))];
      const passwd = readFileSync("/etc/passwd", "utf8");
      const group = readFileSync("/etc/group", "utf8");
      const has = (db: string, n: string) => db.split("\n").some((l) => l.startsWith(`${n}:`));
      const extraUsers = owners
        .filter((n) => !has(passwd, n))
        .map((n, k) => `${n}:x:${61000 + k}:${61000 + k}::/nonexistent:/usr/sbin/nologin`);
      const extraGroups = owners.filter((n) => !has(group, n)).map((n, k) => `${n}:x:${62000 + k}:`);
      writeFileSync(join(dir, "passwd"), `${passwd.trimEnd()}\n${extraUsers.join("\n")}\n`);
      writeFileSync(join(dir, "group"), `${group.trimEnd()}\n${extraGroups.join("\n")}\n`);
      script.unshift(`mount --bind ${dir}/passwd /etc/passwd && mount --bind ${dir}/group /etc/group || exit 3`);
      runner = ["unshare", "--mount", "--propagation", "private", "bash", join(dir, "run.sh")];
    }
    writeFileSync(join(dir, "run.sh"), `${script.join("\n")}\n`);
    const r = spawnSync(runner[0] as string, runner.slice(1), { encoding: "utf8", timeout: 600_000, maxBuffer: 256 * 1024 * 1024 });
    if (r.status === 3) throw new Error("cannot bind-mount a scratch /etc/passwd");
    const chunks = new Map<number, string[]>();
    let current = -1;
    for (const line of (r.stdout ?? "").split("\n")) {
      const m = /^@@@ (\d+)$/.exec(line);
      if (m) {
        current = Number(m[1]);
        chunks.set(current, []);
      } else if (current >= 0) chunks.get(current)?.push(line);
    }
    return inputs.map((input, i) => {
      const lines = chunks.get(i) ?? [];
      const all = lines.filter((l) => l.startsWith("error:"));
      const hostErrors = all.filter((l) => hostOnly.some((re) => re.test(l)));
      const errors = all.filter((l) => !hostErrors.includes(l) && !/^error: found error in /.test(l));
      const errorLines = errors.flatMap((l) => {
        const m = /^error: ([^:]+):(\d+)[ ,:]/.exec(l);
        // logrotate names the files of an included directory relative to it.
        return m && m[1] === input.name ? [Number(m[2])] : [];
      });
      const notes = lines.filter((l) => l.startsWith("note:"));
      // "found error in FILE, skipping" alone (after a host error) is not a verdict on the text.
      const fileDropped = all.some((l) => l.startsWith("error: found error in file")) && errors.length > 0;
      return { accepted: errors.length === 0 && !fileDropped, errorLines, errors, notes, hostErrors };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One config's verdict (see logrotateVerdicts). */
export function logrotateVerdict(text: string, name = "config"): LogrotateVerdict {
  return logrotateVerdicts([{ name, text }])[0] as LogrotateVerdict;
}
