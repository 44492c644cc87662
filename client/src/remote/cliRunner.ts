import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { type ExtensionContext, workspace } from "vscode";

/**
 * The client runs the remote engine by starting the bundled CLI
 * (dist/server.cjs deploy|status|logs) rather than through the language
 * server: a deploy or a followed journal can take minutes and must never
 * stall diagnostics; killing a process is a clean cancel; and the extension
 * runs exactly the code path the CLI tests run against a real host.
 * Connections are still reused across runs (ssh ControlPersist).
 */
export interface CliRun {
  child: ChildProcess;
  done: Promise<{ code: number; stdout: string; stderr: string }>;
}

/**
 * Writes the settings the CLI needs (hosts, rules, versions) where only this
 * user can read them: a new file for each run (created exclusively, mode
 * 0600), so that two runs never read each other's half-written file.
 */
function configFile(context: ExtensionContext): string {
  const dir = context.globalStorageUri.fsPath;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `remote-config-${process.pid}-${randomBytes(6).toString("hex")}.json`);
  const section = workspace.getConfiguration("etcetera");
  const config = {
    hosts: section.get("hosts", []),
    systemd: section.get("systemd", {}),
    rules: section.get("rules", {}),
    cron: section.get("cron", {}),
  };
  writeFileSync(file, JSON.stringify(config), { mode: 0o600, flag: "wx" });
  return file;
}

/**
 * Runs `etcetera COMMAND OPTIONS... -- POSITIONALS...`: whatever a name from
 * settings, views or the workspace holds, it can only ever be a positional
 * (a unit named `--ssh-config=...` stays a bad unit name, never an option).
 */
export function runCli(
  context: ExtensionContext,
  command: "deploy" | "status" | "logs" | "cat" | "diff" | "inventory",
  options: string[],
  positionals: string[],
  onLine?: (line: string) => void,
): CliRun {
  const cli = context.asAbsolutePath(path.join("dist", "server.cjs"));
  const config = configFile(context);
  const child = spawn(process.execPath, [cli, command, ...options, `--config=${config}`, "--", ...positionals], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let pending = "";
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    stdout += chunk;
    if (!onLine) return;
    pending += chunk;
    let nl = pending.indexOf("\n");
    while (nl >= 0) {
      onLine(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
      nl = pending.indexOf("\n");
    }
  });
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (c: string) => {
    stderr += c;
  });
  child.stdin?.on("error", () => {});
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const removeConfig = () => rmSync(config, { force: true });
    child.on("error", (e) => {
      removeConfig();
      resolve({ code: 2, stdout, stderr: `${stderr}${e.message}` });
    });
    child.on("close", (code) => {
      removeConfig();
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
  return { child, done };
}

/** The JSON document a `--format json` run printed (the last line that parses), if any. */
export function lastJson<T>(stdout: string): T | undefined {
  const trimmed = stdout.trim();
  try {
    return JSON.parse(trimmed) as T;
  } catch {
    const lines = trimmed.split("\n").reverse();
    for (const l of lines) {
      try {
        return JSON.parse(l) as T;
      } catch {}
    }
  }
  return undefined;
}
