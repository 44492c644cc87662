/**
 * Plain data of the remote engine: what the CLI prints with --format json
 * and what the VS Code client reads. No imports, so the client bundle can
 * use these types without pulling in the engine.
 */

export type Scope = "system" | "user";

/** One entry of the `etcetera.hosts` setting. */
export interface HostEntry {
  /** What the user types (`--host NAME`) and what the Hosts view shows. */
  name: string;
  /** Host name or address, or an alias of the ssh config. Defaults to `name`. */
  host?: string;
  user?: string;
  port?: number;
  identityFile?: string;
  /** Run commands with `sudo -n` when the remote user is not root (default true). */
  sudo?: boolean;
  /** System units in /etc (default) or the user's own units and crontab. */
  scope?: Scope;
  /** Units to show in the Hosts view besides those deployed from the workspace. */
  pinnedUnits?: string[];
}

export type DeployKind = "unit" | "drop-in" | "cron.d" | "system-crontab" | "user-crontab" | "logrotate" | "netplan";

export type DeployStep =
  | "lint"
  | "connect"
  | "lock"
  | "upload"
  | "recover"
  | "verify"
  | "backup"
  | "install"
  | "activate"
  | "health"
  | "rollback"
  | "done";

export interface DeployProgress {
  type: "progress";
  step: DeployStep;
  message: string;
  /** False once the host is being changed: cancelling then is refused. */
  cancellable: boolean;
}

export type DeployOutcome =
  /** The new file is installed and its unit (if any) is healthy. */
  | "deployed"
  /** The host already had exactly this content; nothing was touched. */
  | "unchanged"
  /** Local lint found errors (without --force): nothing was sent. */
  | "lint-errors"
  /** The host's own tool rejected the file: the host is unchanged. */
  | "rejected"
  /** Installed, failed its health check, and the previous version was restored. */
  | "rolled-back"
  /** Cancelled before the host was changed. */
  | "cancelled"
  /** Anything else (connection, permissions, lock, rollback failure). */
  | "failed";

export interface LintFinding {
  rule: string;
  severity: string;
  message: string;
  line: number;
  column: number;
}

export interface DeployResult {
  type: "result";
  ok: boolean;
  outcome: DeployOutcome;
  message: string;
  file: string;
  host: string;
  kind: DeployKind;
  remotePath: string;
  /** The unit restarted (for drop-ins: the unit they extend). */
  unit?: string;
  /** Output of the host's verifier (systemd-analyze verify, crontab -n, ...). */
  verifyOutput: string[];
  /** Last journal lines of the unit when it failed. */
  journal: string[];
  lint: LintFinding[];
  status?: UnitStatus;
  /** Where the previous version is kept on the host (for rollback). */
  backup?: string;
  durationMs: number;
  /**
   * The error code when outcome is "failed" (see RemoteError), or "masked" when a deploy was rejected because
   * it would replace the unit's mask (a link to /dev/null at its path): deploying with force replaces it.
   */
  errorCode?: string;
}

export interface UnitStatus {
  unit: string;
  description: string;
  loadState: string;
  activeState: string;
  subState: string;
  /** enabled, disabled, static, ... or "" when systemd does not say. */
  unitFileState: string;
  mainPid: number;
  result: string;
  nRestarts: number;
  /** ISO time the unit entered its active state, or "" */
  activeSince: string;
  fragmentPath: string;
}

export interface JournalEntry {
  /** ISO 8601 with microseconds. */
  time: string;
  /** 0 emerg ... 7 debug (6 when the entry has none). */
  priority: number;
  message: string;
  identifier: string;
  pid: number;
  cursor: string;
}

export type UnitAction = "start" | "stop" | "restart" | "reload" | "enable" | "disable" | "mask" | "unmask" | "reset-failed" | "rollback";

/** A condition or assert of a unit, with the result of its last check. */
export interface UnitPageCondition {
  kind: "condition" | "assert";
  /** As written in the unit, e.g. "ConditionPathExists=!/etc/foo". */
  setting: string;
  result: "met" | "failed" | "unchecked";
}

/** A socket the unit listens on: from a socket unit that triggers it, or one its processes hold open. */
export interface UnitPageSocket {
  /** The socket unit, or "" for a socket one of the unit's processes opened. */
  unit: string;
  /** tcp, udp, ... ("" for a socket unit's Listen= entry, whose address says its kind). */
  protocol: string;
  address: string;
}

/** A timer that triggers the unit. */
export interface UnitPageTimer {
  unit: string;
  activeState: string;
  /** ISO times, "" when never / not scheduled. */
  lastTrigger: string;
  nextElapse: string;
  /** The calendar spec(s) as systemd shows them, or "". */
  schedule: string;
}

/** What a unit's page shows (`etcetera status UNIT --details`): its status and the rest Cockpit shows. */
export interface UnitPage extends UnitStatus {
  /** ISO time of the last state change. */
  stateChangedAt: string;
  /** Memory and tasks of its control group, null when systemd does not account them. */
  memoryBytes: number | null;
  tasks: number | null;
  dropIns: string[];
  /** "yes"/"no" from the last start attempt, "" before one. */
  conditionResult: string;
  conditionCheckedAt: string;
  assertResult: string;
  conditions: UnitPageCondition[];
  sockets: UnitPageSocket[];
  timers: UnitPageTimer[];
  journal: JournalEntry[];
  /** Why the journal is empty when the host said why ("" otherwise). */
  journalNote: string;
  /** What could not be read without root, when sudo wanted a password. */
  limited?: string;
}
