import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
  /** 1-based lines that logrotate's "error: FILE:LINE ..." messages name. */
  errorLines: number[];
  errors: string[];
}

/**
 * Runs `logrotate -d` with a scratch state file on a copy of the config whose
 * /var/log paths point into a temporary directory (nothing real is touched).
 */
export function logrotateVerdict(text: string): LogrotateVerdict {
  const dir = mkdtempSync(join(tmpdir(), "etcetera-logrotate-"));
  try {
    mkdirSync(join(dir, "var/log"), { recursive: true });
    const conf = join(dir, "config");
    writeFileSync(conf, text.replaceAll("/var/log/", `${dir}/var/log/`));
    const r = spawnSync(binary, ["-d", "-s", join(dir, "state"), conf], { encoding: "utf8", timeout: 30_000 });
    // A log file that does not exist in the scratch directory is not a verdict on the config.
    const errors = `${r.stdout}${r.stderr}`
      .split("\n")
      .filter((l) => l.startsWith("error:") && !/^error: stat of .* failed: No such file or directory$/.test(l));
    const errorLines = errors.flatMap((l) => {
      const m = /^error: ([^:]+):(\d+)[ ,]/.exec(l);
      return m && m[1] === conf ? [Number(m[2])] : [];
    });
    return { accepted: errors.length === 0, errorLines, errors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
