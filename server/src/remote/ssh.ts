import { type ChildProcess, spawn } from "node:child_process";
import { lstatSync, mkdirSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { RemoteError } from "./names.js";

/** Where and how to reach one host with the system's OpenSSH client. */
export interface SshTarget {
  /** An ssh config alias, a host name or an address (never starting with '-'). */
  destination: string;
  user?: string;
  port?: number;
  identityFile?: string;
  /** Passed as `-F`. */
  sshConfig?: string;
}

export interface TransportOptions {
  connectTimeoutSeconds?: number;
  /** Reuse one connection (ControlMaster) for the commands of this process and the next minute. */
  reuse?: boolean;
  /** Directory for the control sockets (private, 0700). */
  controlDir?: string;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string | Buffer;
  /** Keep stdin open after `input` (the caller writes more with the returned process). */
  keepStdinOpen?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
  onStdoutLine?: (line: string) => void;
  onSpawn?: (child: ChildProcess) => void;
}

const destinationPattern = /^[A-Za-z0-9_.%:[\]@-]+$/;

/** A private directory for control sockets: owned by us, nobody else can enter it. */
export function defaultControlDir(): string {
  const base = process.env.ETCETERA_SSH_CONTROL_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? tmpdir(), `etcetera-ssh-${userInfo().uid}`);
  mkdirSync(base, { recursive: true, mode: 0o700 });
  const st = lstatSync(base);
  if (!st.isDirectory() || st.uid !== userInfo().uid || (st.mode & 0o077) !== 0)
    throw new RemoteError("ssh", `${base} must be a directory of yours with mode 0700 (it holds ssh control sockets)`);
  return base;
}

/** Runs commands on one host over `ssh`, with BatchMode (never a prompt) and host key checking left as configured. */
export class SshTransport {
  private readonly controlDir: string | undefined;

  constructor(
    readonly target: SshTarget,
    private readonly options: TransportOptions = {},
  ) {
    if (!destinationPattern.test(target.destination) || target.destination.startsWith("-"))
      throw new RemoteError("invalid-name", `'${target.destination}' is not a host name, address or ssh config alias`);
    if (target.user !== undefined && !/^[A-Za-z0-9_][A-Za-z0-9_.-]*\$?$/.test(target.user))
      throw new RemoteError("invalid-name", `'${target.user}' is not a user name`);
    this.controlDir = options.reuse === false ? undefined : (options.controlDir ?? defaultControlDir());
  }

  /** Seconds ssh waits for the connection and the server's banner. */
  get connectTimeoutSeconds(): number {
    return this.options.connectTimeoutSeconds ?? 10;
  }

  /** The arguments of `ssh` for one remote command. */
  args(remoteCommand: string): string[] {
    const t = this.target;
    const a: string[] = [];
    if (t.sshConfig) a.push("-F", t.sshConfig);
    a.push("-o", "BatchMode=yes", "-o", `ConnectTimeout=${this.connectTimeoutSeconds}`);
    a.push("-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3");
    if (this.controlDir) a.push("-o", "ControlMaster=auto", "-o", `ControlPath=${join(this.controlDir, "%C")}`, "-o", "ControlPersist=60");
    else a.push("-o", "ControlMaster=no", "-o", "ControlPath=none");
    if (t.user) a.push("-l", t.user);
    if (t.port) a.push("-p", String(t.port));
    if (t.identityFile) a.push("-i", t.identityFile, "-o", "IdentitiesOnly=yes");
    a.push("-T", "--", t.destination, remoteCommand);
    return a;
  }

  /** Runs `remoteCommand` (a shell command line for the remote login shell). */
  run(remoteCommand: string, opts: RunOptions = {}): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      if (opts.signal?.aborted) return reject(new RemoteError("cancelled", "cancelled"));
      const child = spawn("ssh", this.args(remoteCommand), { stdio: ["pipe", "pipe", "pipe"] });
      opts.onSpawn?.(child);
      let stdout = "";
      let stderr = "";
      let pending = "";
      child.stdout.setEncoding("utf8");
      child.stderr.setEncoding("utf8");
      child.stdout.on("data", (chunk: string) => {
        stdout += chunk;
        if (!opts.onStdoutLine) return;
        pending += chunk;
        let nl = pending.indexOf("\n");
        while (nl >= 0) {
          opts.onStdoutLine(pending.slice(0, nl));
          pending = pending.slice(nl + 1);
          nl = pending.indexOf("\n");
        }
      });
      child.stderr.on("data", (chunk: string) => {
        stderr += chunk;
      });
      child.stdin.on("error", () => {}); // the remote side may close stdin first
      if (opts.input !== undefined) child.stdin.write(opts.input);
      if (!opts.keepStdinOpen) child.stdin.end();
      const timer = opts.timeoutMs ? setTimeout(() => child.kill("SIGTERM"), opts.timeoutMs) : undefined;
      const onAbort = () => child.kill("SIGTERM");
      opts.signal?.addEventListener("abort", onAbort, { once: true });
      child.on("error", (e) => reject(new RemoteError("ssh", `cannot run ssh: ${e.message}`)));
      // 'close' once the pipes are drained; 'exit' plus a grace period in case a
      // connection master that ssh forked kept a copy of them open.
      let exitCode = 255;
      let settled = false;
      const settle = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener("abort", onAbort);
        if (pending && opts.onStdoutLine) opts.onStdoutLine(pending);
        resolve({ code: exitCode, stdout, stderr });
      };
      child.on("exit", (code, signal) => {
        exitCode = code ?? (signal ? 128 + 15 : 255);
        setTimeout(settle, 1500).unref();
      });
      child.on("close", settle);
    });
  }

  /** Starts a long-running remote command (journal follow); the caller kills it. */
  spawn(remoteCommand: string): ChildProcess {
    return spawn("ssh", this.args(remoteCommand), { stdio: ["pipe", "pipe", "pipe"] });
  }

  /** Stops this host's connection master, if one runs. */
  async close(): Promise<void> {
    if (!this.controlDir) return;
    const a = this.args("true");
    a.splice(a.indexOf("-T"), 0, "-O", "exit");
    a.pop();
    await new Promise<void>((resolve) => {
      const child = spawn("ssh", a, { stdio: "ignore" });
      child.on("exit", () => resolve());
      child.on("error", () => resolve());
    });
  }
}

/** Turns ssh's own failure (exit 255) into an error that says what to do. */
export function sshFailure(target: SshTarget, stderr: string): RemoteError {
  const where = `${target.user ? `${target.user}@` : ""}${target.destination}`;
  const text = stderr.trim().split("\n").slice(-3).join(" ");
  if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No .* host key is known/i.test(stderr))
    return new RemoteError(
      "host-key",
      `ssh does not know or trust the host key of ${where} (${text}). Connect once with 'ssh ${where}' to check and accept it; Etcetera never turns host key checking off.`,
    );
  if (/Permission denied|Too many authentication failures/i.test(stderr))
    return new RemoteError(
      "auth",
      `ssh could not log in to ${where} with a key (${text}). Etcetera uses BatchMode: add a key to the agent or set identityFile.`,
    );
  if (/Could not resolve hostname|Name or service not known/i.test(stderr))
    return new RemoteError("unknown-host", `unknown host '${target.destination}': not an ssh config alias nor a resolvable name (${text})`);
  return new RemoteError("ssh", `cannot reach ${where}: ${text || "ssh failed"}`);
}

/** The fixed command ssh runs: valid in sh, bash, zsh, fish and csh alike; the script comes on stdin. */
export function shellLauncher(asRoot: boolean): string {
  return asRoot ? `/bin/sh -c 'if [ "$(id -u)" -eq 0 ]; then exec /bin/sh -s; else exec sudo -n -- /bin/sh -s; fi'` : "/bin/sh -s";
}

/** Wraps a script for `sh -s`: one compound command, parsed whole before it runs. */
export function frameScript(script: string): string {
  return `{\n${script}\n}\n`;
}

/** Recognizes sudo's refusals in stderr. */
export function sudoFailure(where: string, user: string | undefined, stderr: string): RemoteError | undefined {
  const who = user ?? "the login user";
  if (/sudo: (a password is required|a terminal is required)/.test(stderr))
    return new RemoteError(
      "sudo-password",
      `sudo on ${where} wants a password from ${who} (or ${who} may not use sudo at all); Etcetera runs 'sudo -n' and never types one. Allow it without a password (a sudoers rule with NOPASSWD for ${who}), connect as root, or use scope "user" for the user's own units.`,
    );
  if (/is not in the sudoers file|may not run sudo|is not allowed to execute|sudo: command not found|sudo: not found/.test(stderr))
    return new RemoteError(
      "no-sudo",
      `${who} may not use sudo on ${where}, and system files need root. Connect as root, give ${who} passwordless sudo, or use scope "user".`,
    );
  return undefined;
}
