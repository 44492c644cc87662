import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { defaultSettings } from "../../server/src/core/settings.js";
import { deploy } from "../../server/src/remote/deploy.js";
import { type ResolvedHost, resolveHost } from "../../server/src/remote/hosts.js";
import { SshTransport } from "../../server/src/remote/ssh.js";
import type { DeployProgress, DeployResult } from "../../server/src/remote/types.js";
import type { TestHost } from "./host/test-host.js";

export const repo = resolve(import.meta.dirname, "../..");

/** A connection to the test host as `user` (root by default), with the given scope. */
/** What a deploy needs of a test host (the nspawn host or the QEMU guest). */
export type SshTestHost = Pick<TestHost, "alias" | "sshConfig" | "controlDir">;

export function connect(
  host: SshTestHost,
  user = "root",
  scope: "system" | "user" = "system",
  connectTimeoutSeconds?: number,
): { host: ResolvedHost; transport: SshTransport } {
  const resolved = resolveHost(`${user}@${host.alias}`, [], { sshConfig: host.sshConfig, userScope: scope === "user" });
  return { host: resolved, transport: new SshTransport(resolved.target, { controlDir: host.controlDir, connectTimeoutSeconds }) };
}

/** A local workspace directory whose path has spaces and quotes in it, as users' paths do. */
export function workspace(label: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), `etcetera ${label} `)), `it's "quoted"`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function put(dir: string, rel: string, text: string): string {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

export async function deployText(
  host: SshTestHost,
  file: string,
  text: string,
  opts: {
    user?: string;
    scope?: "system" | "user";
    force?: boolean;
    onProgress?: (p: DeployProgress) => void;
    signal?: AbortSignal;
    /** The health window, whole seconds (2 here: the suites run many deploys). */
    wait?: number;
    content?: Buffer;
    netplanConfirmSeconds?: number;
    netplanRevertWaitSeconds?: number;
    /** For a slow host (a TCG guest on a loaded machine). */
    connectTimeoutSeconds?: number;
    /** Seconds a blocking systemctl restart/stop may take on the host (default 300). */
    activateTimeoutSeconds?: number;
    /** Seconds to wait for another deploy's host lock (default 120). */
    lockWaitSeconds?: number;
  } = {},
): Promise<DeployResult> {
  writeFileSync(file, opts.content ?? text);
  const c = connect(host, opts.user, opts.scope, opts.connectTimeoutSeconds);
  return deploy({
    file,
    text,
    host: c.host,
    transport: c.transport,
    settings: defaultSettings,
    force: opts.force,
    content: opts.content,
    waitSeconds: opts.wait ?? 2,
    onProgress: opts.onProgress,
    signal: opts.signal,
    netplanConfirmSeconds: opts.netplanConfirmSeconds,
    netplanRevertWaitSeconds: opts.netplanRevertWaitSeconds,
    activateTimeoutSeconds: opts.activateTimeoutSeconds,
    lockWaitSeconds: opts.lockWaitSeconds,
  });
}

/** Runs the CLI from source; resolves with its exit status and output. */
export function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(repo, "server/src/cli.ts"), ...args], {
      cwd: repo,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => {
      stdout += c;
    });
    child.stderr.on("data", (c) => {
      stderr += c;
    });
    child.on("exit", (code) => ok({ code: code ?? 1, stdout, stderr }));
  });
}

export function unitText(description: string, exec: string, extra = ""): string {
  return `[Unit]\nDescription=${description}\n\n[Service]\nExecStart=${exec}\n${extra}\n[Install]\nWantedBy=multi-user.target\n`;
}

/** Measured durations, printed at the end of a suite for the report. */
export class Timings {
  private readonly rows: [string, number][] = [];
  async time<T>(label: string, f: () => Promise<T>): Promise<T> {
    const t = Date.now();
    try {
      return await f();
    } finally {
      this.rows.push([label, Date.now() - t]);
    }
  }
  add(label: string, ms: number) {
    this.rows.push([label, ms]);
  }
  print(title: string) {
    console.log(`# ${title}\n${this.rows.map(([l, ms]) => `#   ${l}: ${(ms / 1000).toFixed(2)} s`).join("\n")}`);
  }
}
