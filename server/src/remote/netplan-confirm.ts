import { confirmScript } from "./netplan-apply.js";
import { frameScript, type SshTarget, SshTransport, shellLauncher, sshFailure } from "./ssh.js";

/**
 * The client's half of a netplan deploy after `netplan apply`: confirm over a
 * NEW SSH connection (never the connection master, never the deploy's own
 * session: what counts is whether the host can be reached with its new
 * network configuration), retrying until the window closes; then, if no
 * confirmation got through, wait for the host's own revert and read its result.
 */
export interface ConfirmOptions {
  target: SshTarget;
  sudo: boolean;
  /** The deploy script's variables (DEST, BACKUPS, ...), for the commit of the backup record. */
  vars: string;
  token: string;
  seconds: number;
  /** Client clock (ms) when the host armed the revert. */
  armedAt: number;
  /** Client clock (ms) when the host said `netplan apply` finished; unknown when the deploy's session died first. */
  appliedAt?: number;
  /** How long to wait for the revert to finish after the window (ms). */
  revertBudgetMs?: number;
  /** Seconds each new connection may take to connect and get the banner (at least 15). */
  connectTimeoutSeconds?: number;
  signalProgress: (confirming: boolean, message: string) => void;
}

export interface ConfirmResult {
  /** The host's final state (confirmed, reverted WHY, revert-failed TEXT, gone, abandoned), or "unknown". */
  state: string;
  /** When the confirmation got through (ms after the apply), for the message. */
  confirmedAfterMs?: number;
  attempts: number;
  /** New connections that failed, and the last failure. */
  failures: number;
  lastError: string;
  /** The revert's last log lines when it failed. */
  log: string[];
}

const final = /^(confirmed|reverted|revert-failed|gone|abandoned)\b/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function confirmNetplan(o: ConfirmOptions): Promise<ConfirmResult> {
  const start = o.appliedAt ?? o.armedAt;
  const confirmUntil = start + o.seconds * 1000 - 1000;
  const giveUpAt = start + o.seconds * 1000 + (o.revertBudgetMs ?? 180_000);
  const result: ConfirmResult = { state: "unknown", attempts: 0, failures: 0, lastError: "", log: [] };
  let announcedWait = false;
  while (Date.now() < giveUpAt) {
    const confirm = Date.now() < confirmUntil;
    if (!confirm && !announcedWait) {
      announcedWait = true;
      o.signalProgress(
        false,
        `no confirmation within ${o.seconds}s: the host restores the previous configuration by itself; waiting to see it back`,
      );
    }
    result.attempts++;
    // A fresh TCP connection each time. A slow host (a loaded VM) may take many seconds to log in and to
    // run the script: an attempt started inside the window may finish after it; the host's state decides.
    const transport = new SshTransport(o.target, { reuse: false, connectTimeoutSeconds: Math.max(15, o.connectTimeoutSeconds ?? 0) });
    const r = await transport
      .run(shellLauncher(o.sudo), { input: frameScript(confirmScript(o.vars, o.token, confirm)), timeoutMs: 90_000 })
      .catch((e: Error) => ({ code: 255, stdout: "", stderr: e.message }));
    const state = /^@@netplan-state (.*)$/m.exec(r.stdout)?.[1]?.trim();
    if (state === undefined) {
      result.failures++;
      result.lastError = r.code === 255 ? sshFailure(o.target, r.stderr).message : r.stderr.trim().split("\n").pop() || `exit ${r.code}`;
      if (confirm) o.signalProgress(true, `a new SSH connection failed (${result.lastError}); retrying`);
    } else {
      result.state = state;
      if (state === "confirmed") result.confirmedAfterMs = Date.now() - start;
      if (final.test(state)) {
        result.log = [...r.stdout.matchAll(/^@@netplan-log (.*)$/gm)].map((m) => m[1] as string);
        return result;
      }
    }
    await sleep(1000);
  }
  return result;
}
