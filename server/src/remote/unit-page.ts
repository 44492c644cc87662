import { parseJournalLine } from "./journal.js";
import { checkUnitName, RemoteError, shq } from "./names.js";
import { frameScript, type SshTransport, shellLauncher, sshFailure, sudoFailure } from "./ssh.js";
import { isoTime, parseShow, statusProperties, unitStatus } from "./status.js";
import type { JournalEntry, Scope, UnitPage, UnitPageCondition, UnitPageSocket, UnitPageTimer } from "./types.js";

/** What a unit's page asks `systemctl show` for, besides the status. */
const pageProperties = [
  ...statusProperties,
  "StateChangeTimestamp",
  "MemoryCurrent",
  "TasksCurrent",
  "ControlGroup",
  "TriggeredBy",
  "Triggers",
  "ConditionResult",
  "ConditionTimestamp",
  "AssertResult",
  "DropInPaths",
] as const;

/** Of a unit that triggers the one shown (a socket or a timer). */
const triggerProperties = ["Id", "ActiveState", "SubState", "Listen", "LastTriggerUSec", "NextElapseUSecRealtime", "TimersCalendar"];

export interface UnitPageOptions {
  scope: Scope;
  sudo: boolean;
  where: string;
  user?: string;
  /** Journal lines to include (default 20). */
  lines?: number;
}

/**
 * The remote script: the unit's properties, its triggering units', its
 * conditions and asserts (busctl, which gives each with its result), the
 * sockets its processes listen on (ss), and its last journal lines. Each
 * part is framed by `@@NAME` lines; a part the host lacks a tool for is
 * simply empty.
 */
function pageScript(unit: string, user: boolean, lines: number): string {
  const bus = user ? "busctl --user" : "busctl";
  return `export LC_ALL=C
exec </dev/null
U=${shq(unit)}
SCTL=${shq(user ? "systemctl --user" : "systemctl")}
echo @@show
$SCTL show ${pageProperties.map((p) => `-p ${p}`).join(" ")} -- "$U"
TRIG=$($SCTL show -p TriggeredBy --value -- "$U")
SELF=; case "$U" in *.socket|*.timer) SELF="$U";; esac
for t in $SELF $TRIG; do
  case "$t" in *.socket|*.timer) echo "@@trigger $t"; $SCTL show ${triggerProperties.map((p) => `-p ${p}`).join(" ")} -- "$t";; esac
done
OBJ=$(${bus} call org.freedesktop.systemd1 /org/freedesktop/systemd1 org.freedesktop.systemd1.Manager LoadUnit s "$U" 2>/dev/null | sed -n 's/^o "\\(.*\\)"$/\\1/p')
if [ -n "$OBJ" ] && command -v busctl >/dev/null 2>&1; then
  echo @@conditions; ${bus} get-property --json=short org.freedesktop.systemd1 "$OBJ" org.freedesktop.systemd1.Unit Conditions 2>/dev/null
  echo @@asserts; ${bus} get-property --json=short org.freedesktop.systemd1 "$OBJ" org.freedesktop.systemd1.Unit Asserts 2>/dev/null
fi
CG=$($SCTL show -p ControlGroup --value -- "$U")
if [ -n "$CG" ] && command -v ss >/dev/null 2>&1; then
  PIDS=$(cat "/sys/fs/cgroup$CG/cgroup.procs" 2>/dev/null || cat "/sys/fs/cgroup/systemd$CG/cgroup.procs" 2>/dev/null)
  echo @@listen
  for p in $PIDS; do ss -H -l -n -t -u -p 2>/dev/null | grep "pid=$p," ; done | sort -u
fi
echo @@skipped
journalctl ${user ? "--user " : ""}--unit="$U" -o json -n 500 --no-pager 2>/dev/null | grep -E 'unmet condition check|failed assertion check' | tail -n 1
echo @@journal
journalctl ${user ? "--user " : ""}--unit="$U" -o json -n ${lines} --no-pager 2>&1
echo @@end`;
}

/** The `@@name` parts of the script's output, by name (a repeated name keeps each part). */
function parts(stdout: string): { name: string; arg: string; text: string }[] {
  const out: { name: string; arg: string; text: string }[] = [];
  for (const line of stdout.split("\n")) {
    const m = /^@@(\w+)(?: (.*))?$/.exec(line);
    if (m) out.push({ name: m[1] as string, arg: m[2] ?? "", text: "" });
    else if (out.length) (out[out.length - 1] as { text: string }).text += `${line}\n`;
  }
  return out;
}

/** systemd's "unset" for a counter: the property absent, "[not set]", or UINT64_MAX. */
function counter(v: string | undefined): number | null {
  if (!v || !/^\d+$/.test(v) || v === "18446744073709551615") return null;
  return Number(v);
}

/** Each value of a property that `systemctl show` repeats (Listen=). */
function repeated(text: string, key: string): string[] {
  return text
    .split("\n")
    .filter((l) => l.startsWith(`${key}=`))
    .map((l) => l.slice(key.length + 1));
}

/** busctl --json=short of a(sbbsi): type, trigger, negate, parameter, state (>0 met, <0 failed, 0 not checked). */
function conditionsOf(text: string, kind: "condition" | "assert"): UnitPageCondition[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.trim());
  } catch {
    return [];
  }
  const data = (parsed as { data?: unknown })?.data;
  if (!Array.isArray(data)) return [];
  return data.flatMap((row): UnitPageCondition[] => {
    if (!Array.isArray(row) || row.length < 5) return [];
    const [type, trigger, negate, parameter, state] = row as [unknown, unknown, unknown, unknown, unknown];
    if (typeof type !== "string" || typeof parameter !== "string" || typeof state !== "number") return [];
    return [
      {
        kind,
        setting: `${type}=${trigger === true ? "|" : ""}${negate === true ? "!" : ""}${parameter}`,
        result: state > 0 ? "met" : state < 0 ? "failed" : "unchecked",
      },
    ];
  });
}

/** One `ss -H -l -n -p` line: netid state recv-q send-q local peer process. */
function listenOf(text: string): UnitPageSocket[] {
  return text
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 5)
    .map((f) => ({ unit: "", protocol: f[0] as string, address: f[4] as string }));
}

/** "{ OnCalendar=*-*-* 00:00:00 ; next_elapse=... }" (one group per entry) → "OnCalendar=*-*-* 00:00:00". */
function scheduleOf(raw: string): string {
  return [...raw.matchAll(/\{ (\w+=[^;}]*?) ;/g)].map((m) => m[1]).join(", ");
}

export function parseUnitPage(unit: string, stdout: string): UnitPage {
  const ps = parts(stdout);
  const show = ps.find((p) => p.name === "show");
  if (!show || !ps.some((p) => p.name === "end"))
    throw new RemoteError("protocol", `unit page of ${unit}: incomplete answer from the host`);
  const [props = {}] = parseShow(show.text);
  const timers: UnitPageTimer[] = [];
  const sockets: UnitPageSocket[] = [];
  for (const t of ps.filter((p) => p.name === "trigger")) {
    const [tp = {}] = parseShow(t.text);
    if (t.arg.endsWith(".timer"))
      timers.push({
        unit: t.arg,
        activeState: tp.ActiveState ?? "",
        lastTrigger: isoTime(tp.LastTriggerUSec),
        nextElapse: isoTime(tp.NextElapseUSecRealtime),
        schedule: scheduleOf(tp.TimersCalendar ?? ""),
      });
    else for (const listen of repeated(t.text, "Listen")) sockets.push({ unit: t.arg, protocol: "", address: listen });
  }
  sockets.push(...listenOf(ps.find((p) => p.name === "listen")?.text ?? ""));
  const journalText = ps.find((p) => p.name === "journal")?.text ?? "";
  const journal: JournalEntry[] = journalText.split("\n").flatMap((l) => parseJournalLine(l) ?? []);
  let conditions = [
    ...conditionsOf(ps.find((p) => p.name === "conditions")?.text ?? "", "condition"),
    ...conditionsOf(ps.find((p) => p.name === "asserts")?.text ?? "", "assert"),
  ];
  let conditionCheckedAt = isoTime(props.ConditionTimestamp);
  // systemd unloads a skipped unit soon, forgetting its check: its journal line names the failed one.
  const skipped = parseJournalLine((ps.find((p) => p.name === "skipped")?.text ?? "").trim());
  const named = /(?:unmet condition|failed assertion) check \(([A-Za-z]+=.*)\)\.?$/.exec(skipped?.message ?? "")?.[1];
  if (skipped && named && props.ActiveState !== "active" && conditions.every((c) => c.result === "unchecked")) {
    conditions = conditions.map((c) => (c.setting === named ? { ...c, result: "failed" } : c));
    if (!conditions.some((c) => c.result === "failed"))
      conditions.push({ kind: named.startsWith("Assert") ? "assert" : "condition", setting: named, result: "failed" });
    conditionCheckedAt = skipped.time;
  }
  return {
    ...unitStatus(props, unit),
    stateChangedAt: isoTime(props.StateChangeTimestamp),
    memoryBytes: counter(props.MemoryCurrent),
    tasks: counter(props.TasksCurrent),
    dropIns: (props.DropInPaths ?? "").split(" ").filter(Boolean),
    conditionResult: props.ConditionResult ?? "",
    conditionCheckedAt,
    assertResult: props.AssertResult ?? "",
    conditions,
    sockets,
    timers,
    journal,
    journalNote: journal.length === 0 ? journalText.trim().split("\n")[0] || "" : "",
  };
}

/**
 * Everything a unit's page shows, in one round trip: as root where the host
 * allows it (the journal and other users' sockets need it); where sudo
 * wants a password, again without root, and the page says what is missing.
 */
export async function queryUnitPage(transport: SshTransport, unit: string, o: UnitPageOptions): Promise<UnitPage> {
  checkUnitName(unit);
  const user = o.scope === "user";
  const script = frameScript(pageScript(unit, user, o.lines ?? 20));
  const run = async (asRoot: boolean) => {
    const res = await transport.run(shellLauncher(asRoot), { input: script });
    if (res.code === 255 && !res.stdout.includes("@@")) throw sshFailure(transport.target, res.stderr);
    return res;
  };
  let res = await run(!user && o.sudo);
  let limited = "";
  const sudo = sudoFailure(o.where, o.user, res.stderr);
  if (sudo) {
    res = await run(false);
    limited = sudo.message;
  }
  const page = parseUnitPage(unit, res.stdout);
  return limited ? { ...page, limited } : page;
}
