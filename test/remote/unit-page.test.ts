/**
 * Against a real systemd host: `etcetera status UNIT --details`, a unit's
 * page (what Cockpit shows) in one CLI call — state since when, main PID,
 * memory and tasks, the sockets it listens on, the timers that trigger it
 * with their last and next run, failed conditions, recent journal lines —
 * and its failure paths (unreachable host, sudo that wants a password).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { UnitPage } from "../../server/src/remote/types.js";
import { cli, Timings } from "./helpers.js";
import { hostFile, startTestHost, type TestHost } from "./host/test-host.js";

const timings = new Timings();
let host: TestHost;
const notRoot = process.getuid?.() !== 0 ? "needs root: the test host is a systemd-nspawn container" : false;

/** Writes a unit file on the host (as root, outside Etcetera: the page reads what is there). */
function unitFile(name: string, text: string): void {
  host.sh(`cat > /etc/systemd/system/${name} <<'EOF'\n${text}EOF`);
}

describe("a unit's page on a real systemd host", { timeout: 600_000, skip: notRoot }, () => {
  before(async () => {
    host = await timings.time("host start (unpack + boot)", () => startTestHost("page"));
    unitFile("paged.socket", "[Socket]\nListenStream=127.0.0.1:7717\n\n[Install]\nWantedBy=sockets.target\n");
    unitFile(
      "paged.service",
      "[Unit]\nDescription=Paged <b>service</b>\n\n[Service]\nExecStart=/bin/sh -c 'echo paged says hello; exec sleep infinity'\n",
    );
    unitFile("paged.timer", "[Timer]\nOnCalendar=*-*-* 03:30:00\nUnit=paged.service\n\n[Install]\nWantedBy=timers.target\n");
    unitFile(
      "unmet.service",
      "[Unit]\nDescription=Never runs\nConditionPathExists=/nonexistent/flag\nConditionPathExists=/etc\n\n[Service]\nExecStart=/bin/true\n",
    );
    host.sh(
      "systemctl daemon-reload && systemctl start paged.socket paged.timer && systemctl start paged.service && systemctl start unmet.service",
    );
  });
  after(async () => {
    if (host) await timings.time("host stop", () => host.stop());
    timings.print("unit page: measured");
  });
  const env = () => ({ ETCETERA_SSH_CONTROL_DIR: host.controlDir });
  const remote = (...args: string[]) => [...args, "--host", host.alias, "--ssh-config", host.sshConfig];

  it("gives state, main PID, sockets, the timer with its next run, and the journal, in one JSON document", async () => {
    const r = await timings.time("CLI status --details", () =>
      cli(remote("status", "paged.service", "--details", "--format", "json"), env()),
    );
    assert.equal(r.code, 0, r.stderr);
    const p = JSON.parse(r.stdout) as UnitPage;
    assert.equal(p.activeState, "active");
    assert.equal(p.subState, "running");
    const pid = Number(host.sh("systemctl show -p MainPID --value paged.service").trim());
    assert.ok(pid > 0);
    assert.equal(p.mainPid, pid);
    assert.ok(Date.parse(p.activeSince) > Date.now() - 10 * 60_000, p.activeSince);
    // This host's cgroup setup (nspawn, cgroup v1) accounts neither: null, never a made-up 0.
    const mem = host.sh("systemctl show -p MemoryCurrent --value paged.service").trim();
    assert.equal(p.memoryBytes, /^\d+$/.test(mem) && mem !== "18446744073709551615" ? Number(mem) : null);
    // The socket unit that triggers it, and the inherited listening socket its process holds.
    assert.ok(
      p.sockets.some((s) => s.unit === "paged.socket" && s.address === "127.0.0.1:7717 (Stream)"),
      JSON.stringify(p.sockets),
    );
    assert.ok(
      p.sockets.some((s) => s.unit === "" && s.protocol === "tcp" && s.address === "127.0.0.1:7717"),
      JSON.stringify(p.sockets),
    );
    const [timer] = p.timers;
    assert.equal(p.timers.length, 1);
    assert.equal(timer?.unit, "paged.timer");
    assert.equal(timer?.activeState, "active");
    assert.equal(timer?.lastTrigger, "");
    assert.match(timer?.nextElapse ?? "", /T03:30:00\.000Z$/);
    assert.equal(timer?.schedule, "OnCalendar=*-*-* 03:30:00");
    assert.ok(
      p.journal.some((e) => e.message === "paged says hello" && e.pid === pid),
      JSON.stringify(p.journal),
    );
    assert.deepEqual(p.conditions, []);
    assert.equal(p.limited, undefined);
  });

  it("names the failed condition of a unit that was skipped, and the one that held", async () => {
    const r = await cli(remote("status", "unmet.service", "--details", "--format", "json"), env());
    assert.equal(r.code, 1, "the unit is not active");
    const p = JSON.parse(r.stdout) as UnitPage;
    assert.equal(p.activeState, "inactive");
    assert.ok(Date.parse(p.conditionCheckedAt) > 0, p.conditionCheckedAt);
    // systemd unloads a skipped unit and forgets its checks; the journal names only the one that failed.
    const forgotten = host.sh("systemctl show -p ConditionTimestampMonotonic --value unmet.service").trim() === "0";
    assert.deepEqual(p.conditions.map((c) => [c.setting, c.result]).sort(), [
      ["ConditionPathExists=/etc", forgotten ? "unchecked" : "met"],
      ["ConditionPathExists=/nonexistent/flag", "failed"],
    ]);
  });

  it("prints the page as Markdown, escaping what the host wrote", async () => {
    const r = await cli(remote("status", "paged.service", "--details", "-n", "5"), env());
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# paged\.service\n\nPaged \\<b\\>service\\<\/b\\>\n/);
    assert.match(r.stdout, /^- \*\*State:\*\* active \(running\) since \d{4}-/m);
    assert.match(r.stdout, /^- paged\.timer \(active\): last never, next \S+T03:30:00\.000Z; OnCalendar=\\\*-\\\*-\\\* 03:30:00$/m);
    assert.match(r.stdout, /^```\n(.*\n)*.*sh\[\d+\]: paged says hello\n(.*\n)*```$/m);
    const u = await cli(remote("status", "unmet.service", "--details"), env());
    assert.match(u.stdout, /^- \*\*failed\*\* condition: ConditionPathExists=\/nonexistent\/flag \(checked /m);
  });

  it("a timer that has fired shows its last run", async () => {
    // A timer records a trigger only when it elapses: make it elapse now.
    unitFile("soon.timer", "[Timer]\nOnActiveSec=1s\nUnit=unmet.service\n");
    host.sh("systemctl daemon-reload && systemctl start soon.timer && sleep 3");
    const p = JSON.parse((await cli(remote("status", "unmet.service", "--details", "--format", "json"), env())).stdout) as UnitPage;
    const soon = p.timers.find((t) => t.unit === "soon.timer");
    assert.ok(soon, JSON.stringify(p.timers));
    assert.ok(Date.parse(soon.lastTrigger) > Date.now() - 5 * 60_000, soon.lastTrigger);
  });

  it("where sudo wants a password, shows what needs no root and says why the rest is missing", async () => {
    const r = await cli(
      ["status", "paged.service", "--details", "--format", "json", "--host", `plain@${host.alias}`, "--ssh-config", host.sshConfig],
      env(),
    );
    assert.equal(r.code, 0, r.stderr);
    const p = JSON.parse(r.stdout) as UnitPage;
    assert.equal(p.activeState, "active");
    assert.match(p.limited ?? "", /sudo on .* wants a password from plain.*NOPASSWD/);
    assert.ok(!p.journal.some((e) => e.message === "paged says hello"), "the system journal is not readable without root");
    const text = await cli(
      ["status", "paged.service", "--details", "--host", `plain@${host.alias}`, "--ssh-config", host.sshConfig],
      env(),
    );
    assert.match(text.stdout, /^> sudo on .* wants a password/m);
  });

  it("cat --format json gives each of the unit's files exactly, fragment first (what an editable copy starts from)", async () => {
    host.sh(
      "mkdir -p /etc/systemd/system/paged.service.d && printf '[Service]\\nNice=5\\n' > /etc/systemd/system/paged.service.d/nice.conf && systemctl daemon-reload",
    );
    const r = await cli(remote("cat", "paged.service", "--format", "json"), env());
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { found: boolean; text: string; files: { path: string; text: string }[] };
    assert.deepEqual(
      j.files.map((f) => f.path),
      ["/etc/systemd/system/paged.service", "/etc/systemd/system/paged.service.d/nice.conf"],
    );
    assert.equal(j.files[0]?.text, hostFile(host, "etc/systemd/system/paged.service"));
    assert.equal(j.files[1]?.text, "[Service]\nNice=5\n");
    assert.match(j.text, /^# \/etc\/systemd\/system\/paged\.service.d\/nice\.conf$/m);
  });

  it("diff --format json carries the host's copy, for an editor's diff view", async () => {
    const dir = mkdtempSync(join(tmpdir(), "etcetera-page-"));
    try {
      const f = join(dir, "paged.service");
      writeFileSync(f, "[Unit]\nDescription=local\n");
      const r = await cli(remote("diff", f, "--format", "json"), env());
      assert.equal(r.code, 1);
      const j = JSON.parse(r.stdout) as { status: string; installed?: string };
      assert.equal(j.status, "differs");
      assert.equal(j.installed, hostFile(host, "etc/systemd/system/paged.service"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exit 3 and one clear line for an unreachable host", async () => {
    const r = await cli(["status", "paged.service", "--details", "--host", "no-such-alias.invalid", "--ssh-config", host.sshConfig], env());
    assert.equal(r.code, 3);
    assert.match(r.stderr, /^etcetera: unknown host 'no-such-alias\.invalid'/);
    const usage = await cli(remote("status", "a.service", "b.service", "--details"), env());
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--details shows exactly one UNIT/);
  });
});
