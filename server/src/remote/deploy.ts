import { isUtf8 } from "node:buffer";
import type { ChildProcess } from "node:child_process";
import type { FileKind } from "../core/language.js";
import type { Settings } from "../core/settings.js";
// Deploy lints any kind of file it is given: every language, loaded with the module.
import "../core/languages.js";
import { analyze } from "../features/documents.js";
import { UnitNameIndex } from "../features/workspace-index.js";
import { defaultActivateTimeoutSeconds, defaultNetplanConfirmSeconds, defaultWaitSeconds } from "./deploy-defaults.js";
import { deployScript, type ScriptOptions, scriptVars } from "./deploy-script.js";
import { hostLabel, type ResolvedHost } from "./hosts.js";
import { RemoteError } from "./names.js";
import { confirmNetplan } from "./netplan-confirm.js";
import { frameScript, type SshTransport, shellLauncher, sshFailure, sudoFailure } from "./ssh.js";
import { parseShow, unitStatus } from "./status.js";
import { type DeployTarget, deployTarget } from "./targets.js";
import type { DeployOutcome, DeployProgress, DeployResult, DeployStep, LintFinding } from "./types.js";

export interface DeployOptions {
  /** Local path (only its name and directory decide where the file goes). */
  file: string;
  /** The file's text, for lint (a lossy decoding is fine: lint reads a copy). */
  text: string;
  /** The exact bytes to install; defaults to the UTF-8 encoding of `text`. */
  content?: Buffer;
  host: ResolvedHost;
  transport: SshTransport;
  settings: Settings;
  /** Deploy even when local lint finds errors, and over a mask of the unit at its own path (which unmasks it). */
  force?: boolean;
  enableOnFirstDeploy?: boolean;
  /** Whole seconds the unit must stay in its running state after the restart (default 5). */
  waitSeconds?: number;
  lockWaitSeconds?: number;
  /** A netplan file: whole seconds a new SSH connection has, after `netplan apply`, to confirm it before the host reverts by itself (default 60). */
  netplanConfirmSeconds?: number;
  /** A netplan file: how long, after the confirmation window, to wait for the host's own revert to finish (default 180). */
  netplanRevertWaitSeconds?: number;
  /** Whole seconds one blocking systemctl restart or stop may take on the host before the deploy counts it as hung (default 300). */
  activateTimeoutSeconds?: number;
  /** Aborting cancels the deploy while the host is still unchanged; later it is ignored (said in progress). */
  signal?: AbortSignal;
  onProgress?: (p: DeployProgress) => void;
}

const lintKinds: Record<DeployTarget["kind"], FileKind> = {
  unit: "systemd",
  "drop-in": "systemd",
  "cron.d": "cron",
  "system-crontab": "cron",
  "user-crontab": "cron",
  logrotate: "logrotate",
  netplan: "netplan",
};

/** The first line (1-based) of `bytes` that is not valid UTF-8, or 0. */
function firstNonUtf8Line(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (!isUtf8(bytes.subarray(start, i))) return line;
      line++;
      start = i + 1;
    }
  }
  return 0;
}

/**
 * Lints the file with the same engine as `etcetera lint`, for every kind that
 * can be deployed. A rule that crashes is reported as an error, never skipped
 * in silence: the file was not fully checked. Bytes that are not UTF-8 are
 * reported too (systemd ignores such lines; cron and logrotate read bytes).
 */
export function lintForDeploy(file: string, text: string, target: DeployTarget, settings: Settings, bytes?: Buffer): LintFinding[] {
  const kind = lintKinds[target.kind];
  const findings: LintFinding[] = [];
  const crashed: string[] = [];
  const analysis = analyze(file, text, kind);
  if (analysis) {
    const index = new UnitNameIndex();
    index.addPath(file);
    for (const d of analysis.diagnostics({ path: file, settings, workspace: index, log: (m) => crashed.push(m) }))
      findings.push({
        rule: d.rule,
        severity: d.severity,
        message: d.message,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
      });
  }
  for (const m of crashed)
    findings.push({
      rule: "internal",
      severity: "error",
      message: `${m.split("\n")[0]}; the file was not fully checked`,
      line: 1,
      column: 1,
    });
  const bad = bytes ? firstNonUtf8Line(bytes) : 0;
  if (bad > 0)
    findings.push(
      kind === "systemd"
        ? { rule: "encoding", severity: "error", message: "this line is not valid UTF-8: systemd ignores it", line: bad, column: 1 }
        : {
            rule: "encoding",
            severity: "info",
            message: "this line is not valid UTF-8; it is uploaded byte for byte",
            line: bad,
            column: 1,
          },
    );
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

export { defaultActivateTimeoutSeconds, defaultNetplanConfirmSeconds, defaultWaitSeconds } from "./deploy-defaults.js";

/** Collects what the script prints ("@@EVENT rest") into a result. */
class ScriptEvents {
  outcome: DeployOutcome | undefined;
  message = "";
  error: { step: string; message: string } | undefined;
  verify: string[] = [];
  journal: string[] = [];
  activate: string[] = [];
  status: string[] = [];
  backup: string | undefined;
  /** An earlier, interrupted deploy of this file that the host rolled back before this one. */
  recovered: string | undefined;
  /** The host's copy was not what the last deploy installed: someone changed it there. */
  drift: string | undefined;
  ready = false;
  /** A netplan change: the host armed its revert (token, seconds, client time) and, later, finished `netplan apply`. */
  armed: { token: string; seconds: number; at: number } | undefined;
  appliedAt: number | undefined;
  /** The unit is masked by a link at the deploy's own path: deploying with --force would replace (unmask) it. */
  replaceableMask = false;

  constructor(private readonly progress: (step: DeployStep, message: string, cancellable: boolean) => void) {}

  line(raw: string, onReady: () => void, onApplied: () => void = () => {}): void {
    if (!raw.startsWith("@@")) return;
    const sp = raw.indexOf(" ");
    const event = sp < 0 ? raw.slice(2) : raw.slice(2, sp);
    const rest = sp < 0 ? "" : raw.slice(sp + 1);
    const [word = "", ...more] = rest.split(" ");
    switch (event) {
      case "progress":
        this.progress(word as DeployStep, more.join(" "), !this.ready && word !== "backup" && word !== "install" && word !== "recover");
        break;
      case "outcome":
        this.outcome = word as DeployOutcome;
        this.message = more.join(" ");
        break;
      case "error":
        this.error = { step: word, message: more.join(" ") };
        break;
      case "verify":
        this.verify.push(rest);
        break;
      case "journal":
        this.journal.push(rest);
        break;
      case "activate":
      case "err":
        this.activate.push(rest);
        break;
      case "status":
        this.status.push(rest);
        break;
      case "backup":
        this.backup = rest;
        break;
      case "drift":
        this.drift = rest;
        break;
      case "recovered":
        this.recovered = rest;
        this.status = []; // the state after that rollback; this deploy reports its own
        break;
      case "ready":
        this.ready = true;
        onReady();
        break;
      case "armed":
        this.armed = { token: word, seconds: Number(more[0]), at: Date.now() };
        break;
      case "masked":
        this.replaceableMask = word === "replaceable";
        break;
      case "applied":
        this.appliedAt = Date.now();
        onApplied();
        break;
    }
  }
}

function baseResult(o: DeployOptions, target: DeployTarget | undefined, started: number): DeployResult {
  return {
    type: "result",
    ok: false,
    outcome: "failed",
    message: "",
    file: o.file,
    host: o.host.name,
    kind: target?.kind ?? "unit",
    remotePath: target ? remotePathOf(target) : "",
    unit: target?.unit,
    verifyOutput: [],
    journal: [],
    lint: [],
    durationMs: Date.now() - started,
  };
}

export function remotePathOf(t: DeployTarget): string {
  if (t.kind === "user-crontab") return "crontab -l";
  return `${t.inHome ? "~/" : ""}${t.dir}/${t.name}`;
}

/**
 * Deploys one file: lint, upload, verify on the host, back up, install
 * atomically, activate, check health, roll back on failure. Never throws for
 * what happens on the host: the result says it.
 */
export async function deploy(o: DeployOptions): Promise<DeployResult> {
  const started = Date.now();
  const progress = (step: DeployStep, message: string, cancellable: boolean) =>
    o.onProgress?.({ type: "progress", step, message, cancellable });
  let target: DeployTarget | undefined;
  const finish = (r: DeployResult, outcome: DeployOutcome, message: string, errorCode?: string): DeployResult => {
    r.outcome = outcome;
    r.message = message;
    r.errorCode = errorCode;
    r.durationMs = Date.now() - started;
    r.ok = outcome === "deployed" || (outcome === "unchanged" && (!r.status || r.status.activeState === "active" || !r.unit));
    return r;
  };
  try {
    target = deployTarget(o.file, o.host.scope, o.text);
  } catch (e) {
    const r = baseResult(o, undefined, started);
    return finish(r, "failed", (e as Error).message, e instanceof RemoteError ? e.code : undefined);
  }
  const result = baseResult(o, target, started);

  progress("lint", "checking the file locally", true);
  const content = o.content ?? Buffer.from(o.text, "utf8");
  const lint = lintForDeploy(o.file, o.text, target, o.settings, content);
  result.lint = lint;
  const errors = lint.filter((d) => d.severity === "error");
  if (errors.length > 0 && !o.force)
    return finish(result, "lint-errors", `${errors.length} lint error(s); nothing was sent (deploy anyway with --force)`);
  if (o.signal?.aborted) return finish(result, "cancelled", "cancelled before connecting; the host is unchanged");

  const wait = o.waitSeconds ?? defaultWaitSeconds;
  if (!Number.isInteger(wait) || wait < 1 || wait > 600)
    return finish(result, "failed", `the wait must be whole seconds from 1 to 600, not ${wait}`, "usage");
  const confirmSeconds = o.netplanConfirmSeconds ?? defaultNetplanConfirmSeconds;
  if (!Number.isInteger(confirmSeconds) || confirmSeconds < 5 || confirmSeconds > 3600)
    return finish(result, "failed", `the netplan confirmation time must be whole seconds from 5 to 3600, not ${confirmSeconds}`, "usage");
  const activateTimeout = o.activateTimeoutSeconds ?? defaultActivateTimeoutSeconds;
  if (!Number.isInteger(activateTimeout) || activateTimeout < 5 || activateTimeout > 3600)
    return finish(result, "failed", `the activation bound must be whole seconds from 5 to 3600, not ${activateTimeout}`, "usage");
  const scriptOptions = {
    content,
    enableOnFirstDeploy: o.enableOnFirstDeploy ?? true,
    waitSeconds: wait,
    lockWaitSeconds: o.lockWaitSeconds ?? 120,
    netplanConfirmSeconds: confirmSeconds,
    activateTimeoutSeconds: activateTimeout,
    replaceMask: o.force ?? false,
  };
  const script = deployScript(target, scriptOptions);
  // System files need root; user scope and the user's crontab run as the login user.
  const asUser = target.scope === "user" || target.kind === "user-crontab";
  const command = shellLauncher(!asUser && o.host.sudo);
  const events = new ScriptEvents(progress);
  progress("connect", `connecting to ${hostLabel(o.host)}`, true);

  let stdin: NodeJS.WritableStream | undefined;
  let session: ChildProcess | undefined;
  let answered = false;
  const answer = () => {
    if (answered || !stdin) return;
    answered = true;
    const go = !o.signal?.aborted;
    stdin.write(go ? "go\n" : "cancel\n");
    stdin.end();
    if (go) progress("install", "the host is being changed; this step cannot be cancelled", false);
  };
  // Cancelling while the host is unchanged: answer "cancel" at the ready point, or end the session.
  const onAbort = () => {
    if (events.ready) return;
    stdin?.end();
  };
  o.signal?.addEventListener("abort", onAbort, { once: true });
  let res: { code: number; stdout: string; stderr: string };
  try {
    res = await o.transport.run(command, {
      input: frameScript(script),
      keepStdinOpen: true,
      onSpawn: (child) => {
        session = child;
        stdin = child.stdin ?? undefined;
      },
      onStdoutLine: (line) =>
        events.line(line, answer, () => {
          // The script ends right after this; a session cut by the new network would hang until ssh's keepalives give up.
          setTimeout(() => session?.kill("SIGTERM"), 2000).unref();
        }),
    });
  } finally {
    o.signal?.removeEventListener("abort", onAbort);
  }
  result.verifyOutput = events.verify;
  result.journal = events.journal;
  result.backup = events.backup;
  if (events.status.length > 0) {
    const [props] = parseShow(events.status.join("\n"));
    if (props) result.status = unitStatus(props, target.unit);
  }
  if (!events.outcome && events.armed && target.kind === "netplan")
    return finish(result, ...(await netplanOutcome(o, target, scriptOptions, events.armed, events.appliedAt, progress)));
  if (!events.outcome) {
    if (res.code === 255 && !res.stdout.includes("@@")) {
      const e = sshFailure(o.transport.target, res.stderr);
      return finish(result, "failed", e.message, e.code);
    }
    const sudo = sudoFailure(hostLabel(o.host), o.host.target.user, res.stderr);
    if (sudo) return finish(result, "failed", `${sudo.message} Nothing was changed.`, sudo.code);
    if (events.error)
      return finish(
        result,
        "failed",
        `${events.error.message}${events.activate.length ? `: ${events.activate.join(" ")}` : ""}`,
        events.error.step === "locked" ? "locked" : events.error.step,
      );
    if (o.signal?.aborted && !answered) return finish(result, "cancelled", "cancelled; the host is unchanged");
    const tail = res.stderr.trim().split("\n").slice(-3).join(" ");
    return finish(
      result,
      "failed",
      `the connection ended before the deploy finished (${tail || `exit ${res.code}`}); ${
        answered
          ? "the host finishes or rolls back the change by itself (if the host went down instead, the next deploy of this file puts the previous version back first)"
          : "the host is unchanged"
      }`,
      "ssh",
    );
  }
  let message = events.recovered ? `${events.message}\nFirst, ${events.recovered}` : events.message;
  if (events.drift && events.outcome === "deployed")
    message += `\nNote: ${events.drift}; that copy is in the backup${target.unit ? ` (status ${target.unit} --action rollback brings it back)` : ""}.`;
  else if (events.drift && events.outcome === "rolled-back") message += `\nNote: ${events.drift}; that copy is in place again.`;
  if (events.outcome === "rolled-back" || (events.outcome === "failed" && events.activate.length))
    message += `\n${events.activate.join("\n")}`;
  return finish(result, events.outcome, message.trim(), events.replaceableMask ? "masked" : undefined);
}

/** Confirms a netplan change over new connections, or reads the host's own revert; the outcome, message and error code. */
async function netplanOutcome(
  o: DeployOptions,
  target: DeployTarget,
  options: ScriptOptions,
  armed: { token: string; seconds: number; at: number },
  appliedAt: number | undefined,
  progress: (step: DeployStep, message: string, cancellable: boolean) => void,
): Promise<[DeployOutcome, string, string?]> {
  const where = hostLabel(o.host);
  const path = remotePathOf(target);
  progress("health", `netplan applied the file; confirming over a new SSH connection to ${where}`, false);
  const asRoot = o.host.sudo;
  const r = await confirmNetplan({
    target: o.transport.target,
    sudo: asRoot,
    vars: scriptVars(target, options),
    token: armed.token,
    seconds: armed.seconds,
    armedAt: armed.at,
    appliedAt,
    revertBudgetMs: (o.netplanRevertWaitSeconds ?? 180) * 1000,
    connectTimeoutSeconds: o.transport.connectTimeoutSeconds,
    signalProgress: (confirming, message) => progress(confirming ? "health" : "rollback", message, false),
  });
  const [state = "", ...rest] = r.state.split(" ");
  const detail = rest.join(" ");
  const unreachable = r.failures
    ? `${r.failures} new SSH connection(s) to ${where} failed after the apply (last: ${r.lastError})`
    : "the confirmation did not reach the host in time";
  switch (state) {
    case "confirmed":
      return [
        "deployed",
        `netplan applied ${path} and a new SSH connection confirmed it ${((r.confirmedAfterMs ?? 0) / 1000).toFixed(1)} s later; the automatic revert is cancelled`,
      ];
    case "reverted": {
      const why =
        detail === "timeout"
          ? `no confirmation within ${armed.seconds}s: ${unreachable}`
          : detail === "apply-failed"
            ? "netplan apply failed"
            : "the deploy stopped half-way";
      return ["rolled-back", `reverted: ${why}; the host restored the previous ${path} and applied it by itself`];
    }
    case "revert-failed":
      return [
        "failed",
        `not confirmed (${unreachable}), and the host's revert failed: ${detail}${r.log.length ? `\n${r.log.join("\n")}` : ""}`,
      ];
    case "gone":
      return [
        "failed",
        `the pending change is gone from the host (rebooted?): ${path} may hold the new file, applied or not; check the host`,
      ];
    default:
      return [
        "failed",
        `netplan applied ${path}, but ${unreachable}; the host reverts by itself ${armed.seconds}s after the apply, yet it still did not answer afterwards: check it on its console`,
        "ssh",
      ];
  }
}
