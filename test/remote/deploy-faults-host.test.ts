/**
 * Fault injection on the host side of a deploy, on the real systemd test host:
 * units whose start or stop never ends, the deploy's own script killed on the
 * host half-way (what a reboot or the OOM killer leaves), systemd re-executing
 * during the health watch. For each: the host ends fully old or fully new, the
 * result says which and why, and the next deploy works.
 */
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { after, before, describe, it } from "node:test";
import type { DeployResult } from "../../server/src/remote/types.js";
import { cli, deployText, put, Timings, unitText, workspace } from "./helpers.js";
import { startTestHost, type TestHost } from "./host/test-host.js";

const notRoot = process.getuid?.() !== 0 ? "needs root: the test host is a systemd-nspawn container" : false;
const timings = new Timings();
let host: TestHost;
let ws: string;

/** The unit's file (bytes), its enablement, state, description and whether systemd has the file loaded. */
function snapshot(unit: string): string {
  return host.sh(
    `f=/etc/systemd/system/${unit}; if [ -f $f ]; then sha256sum < $f; else echo absent; fi
     systemctl is-enabled -- ${unit} || :
     systemctl show -p ActiveState -p SubState -p Description -p NeedDaemonReload -- ${unit}`,
  );
}
const settle = () => host.sh("flock -w 60 /run/etcetera-deploy.lock true");
const leftovers = () =>
  host
    .run("ls -d /tmp/etcetera.* /etc/.etcetera-staging /etc/systemd/.etcetera-staging /var/backups/etcetera/*.new 2>/dev/null")
    .stdout.trim();

describe("host-side faults during a deploy", { timeout: 900_000, skip: notRoot }, () => {
  before(async () => {
    host = await timings.time("host start", () => startTestHost("hfaults"));
    ws = workspace("hfaults");
  });
  after(async () => {
    if (host) await timings.time("host stop", () => host.stop());
    if (ws) rmSync(dirname(ws), { recursive: true, force: true });
    timings.print("host-side deploy faults: measured");
  });

  it("a new version whose start never ends (TimeoutStartSec=infinity) is rolled back after the bound, not waited on for ever", async () => {
    const f = put(ws, "units/never-ready.service", "");
    assert.equal((await deployText(host, f, unitText("Never v1", "/bin/sleep infinity"))).outcome, "deployed");
    const old = snapshot("never-ready.service");
    // The bound through the CLI's flag, as a user sets it; out of range is a usage error before any connection.
    writeFileSync(f, unitText("Never v2", "/bin/sleep infinity", "Type=notify\nTimeoutStartSec=infinity\n"));
    const remote = ["--host", host.alias, "--ssh-config", host.sshConfig, "--wait", "2", "--format", "json"];
    const env = { ETCETERA_SSH_CONTROL_DIR: host.controlDir };
    for (const bad of ["4", "3601", "1.5"]) {
      const u = await cli(["deploy", f, ...remote, "--activate-timeout", bad], env);
      assert.equal(u.code, 2, u.stderr);
      assert.match(u.stderr, /--activate-timeout takes whole seconds from 5 to 3600/);
    }
    const run = await timings.time("hung start, bound 5 s", () => cli(["deploy", f, ...remote, "--activate-timeout", "5"], env));
    assert.equal(run.code, 1, run.stderr);
    const r = JSON.parse(run.stdout) as DeployResult;
    assert.equal(r.outcome, "rolled-back", r.message);
    assert.match(r.message, /still activating \(start\) 5s after systemctl restart: its start or stop never finished/);
    assert.match(r.message, /previous version of never-ready\.service is running again/);
    assert.equal(snapshot("never-ready.service"), old);
    assert.equal(leftovers(), "");
    const again = await deployText(host, f, unitText("Never v3", "/bin/sleep infinity"));
    assert.equal(again.outcome, "deployed", again.message);
  });

  it("an old version that never stops (TimeoutStopSec=infinity, ignores SIGTERM): killed after the bound, the old version runs again", async () => {
    const f = put(ws, "units/stubborn.service", "");
    const stubborn = unitText("Stubborn v1", `/bin/sh -c 'trap "" TERM; while :; do sleep 1; done'`, "TimeoutStopSec=infinity\n");
    assert.equal((await deployText(host, f, stubborn)).outcome, "deployed");
    const old = snapshot("stubborn.service");
    const r = await timings.time("hung stop, bound 5 s", () =>
      deployText(host, f, unitText("Stubborn v2", "/bin/sleep infinity", "TimeoutStopSec=infinity\n"), { activateTimeoutSeconds: 5 }),
    );
    assert.equal(r.outcome, "rolled-back", r.message);
    assert.match(r.message, /still deactivating \(stop-sigterm\) 5s after systemctl restart/);
    assert.equal(snapshot("stubborn.service"), old);
    assert.equal(host.sh("systemctl list-jobs --no-legend stubborn.service").trim(), "");
    // A new version with a finite stop timeout replaces it: systemd stops the old process with the new file's settings.
    const fixed = await deployText(host, f, unitText("Stubborn v3", "/bin/sleep infinity", "TimeoutStopSec=2\n"));
    assert.equal(fixed.outcome, "deployed", fixed.message);
  });

  it("the deploy's script killed on the host after the install (as by a reboot): the next deploy first puts the proven version back", async () => {
    const f = put(ws, "units/orphan.service", "");
    assert.equal((await deployText(host, f, unitText("Orphan v1", "/bin/sleep infinity"))).outcome, "deployed");
    const old = snapshot("orphan.service");
    let killed = false;
    const r = await deployText(host, f, unitText("Orphan v2", "/bin/sh -c 'sleep 1; exit 3'"), {
      wait: 6,
      onProgress: (p) => {
        if (p.step === "health" && !killed) {
          killed = true;
          host.sh("pkill -KILL -x -f '/bin/sh -s'");
        }
      },
    });
    assert.ok(killed);
    assert.notEqual(r.outcome, "deployed", r.message);
    assert.match(r.message, /connection ended before the deploy finished.*next deploy of this file puts the previous version back first/);
    // Half-changed: the broken file is in place and the record of the unfinished deploy is left.
    assert.match(host.sh("cat /etc/systemd/system/orphan.service"), /Orphan v2/);
    assert.match(leftovers(), /orphan\.service\.new/);
    // Retrying the same broken version: the host first finishes the interrupted rollback, then rolls this one back to v1, not to v2.
    const retry = await deployText(host, f, unitText("Orphan v2", "/bin/sh -c 'sleep 1; exit 3'"), { wait: 3 });
    assert.equal(retry.outcome, "rolled-back", retry.message);
    assert.match(retry.message, /First, an earlier deploy of \/etc\/systemd\/system\/orphan\.service had stopped half-way.*running again/s);
    assert.equal(snapshot("orphan.service"), old);
    assert.equal(leftovers(), "");
    assert.equal((await deployText(host, f, unitText("Orphan v3", "/bin/sleep infinity"))).outcome, "deployed");
  });

  it("the script killed while a start hangs: the host lock is free at once, and the next deploy puts the old version back first", async () => {
    const f = put(ws, "units/stalled.service", "");
    assert.equal((await deployText(host, f, unitText("Stalled v1", "/bin/sleep infinity"))).outcome, "deployed");
    const old = snapshot("stalled.service");
    let killed = false;
    const hung = unitText("Stalled v2", "/bin/sleep infinity", "Type=notify\nTimeoutStartSec=infinity\n");
    await deployText(host, f, hung, {
      onProgress: (p) => {
        if (p.step === "activate" && p.message.includes("restart") && !killed) {
          killed = true;
          // The hung systemctl restart (and its timeout) outlive the script: they must not keep the lock.
          host.sh("sleep 1; pkill -KILL -x -f '/bin/sh -s'");
        }
      },
    });
    assert.ok(killed);
    const next = await deployText(host, f, unitText("Stalled v3", "/bin/sleep infinity"), { lockWaitSeconds: 5 });
    assert.equal(next.outcome, "deployed", next.message);
    assert.match(next.message, /First, an earlier deploy of \/etc\/systemd\/system\/stalled\.service had stopped half-way/);
    assert.notEqual(snapshot("stalled.service"), old);
    assert.match(snapshot("stalled.service"), /Description=Stalled v3/);
    assert.equal(leftovers(), "");
  });

  it("a record of an unfinished deploy whose file was changed by hand since is dropped, not restored over that change", async () => {
    const f = put(ws, "units/handfix.service", "");
    assert.equal((await deployText(host, f, unitText("Handfix v1", "/bin/sleep infinity"))).outcome, "deployed");
    host.sh(
      `B=/var/backups/etcetera/%etc%systemd%system%handfix.service; cp -a $B.d $B.new && echo 0000 > $B.new/installed
       sed -i 's/Handfix v1/Handfix by hand/' /etc/systemd/system/handfix.service && systemctl daemon-reload`,
    );
    const r = await deployText(host, f, unitText("Handfix v2", "/bin/sleep infinity"));
    assert.equal(r.outcome, "deployed", r.message);
    assert.doesNotMatch(r.message, /First, an earlier deploy/);
    assert.match(host.sh("cat /var/backups/etcetera/%etc%systemd%system%handfix.service.d/data"), /Handfix by hand/);
    assert.equal(leftovers(), "");
  });

  it("a full /tmp on the host: the upload says so (not 'damaged'), the host is unchanged, and the retry works", async () => {
    const f = put(ws, "units/tmpfull.service", "");
    assert.equal((await deployText(host, f, unitText("Tmpfull v1", "/bin/sleep infinity"))).outcome, "deployed");
    const old = snapshot("tmpfull.service");
    host.sh("mount -t tmpfs -o size=64k etcetera-tmpfull /tmp && { dd if=/dev/zero of=/tmp/filler bs=4k 2>/dev/null; true; }");
    try {
      const r = await deployText(host, f, unitText("Tmpfull v2", "/bin/sleep infinity"));
      assert.equal(r.outcome, "failed", r.message);
      assert.equal(r.errorCode, "upload");
      assert.match(r.message, /cannot write the file to \/tmp\/etcetera\.[^:]+: .*No space left on device; the host is unchanged/);
    } finally {
      host.sh("umount /tmp");
    }
    assert.equal(snapshot("tmpfull.service"), old);
    assert.equal((await deployText(host, f, unitText("Tmpfull v2", "/bin/sleep infinity"))).outcome, "deployed");
  });

  it("a drop-in directory that is a symlink into a package's directory under /usr: refused before anything changes", async () => {
    host.sh(
      `mkdir -p /usr/lib/systemd/system/vendored.service.d
       printf '[Service]\\nExecStart=/bin/sleep infinity\\n' > /usr/lib/systemd/system/vendored.service
       printf '[Service]\\nEnvironment=VENDOR=1\\n' > /usr/lib/systemd/system/vendored.service.d/vendor.conf
       ln -sfn /usr/lib/systemd/system/vendored.service.d /etc/systemd/system/vendored.service.d
       systemctl daemon-reload && systemctl start vendored.service`,
    );
    const vendorDir = host.sh("ls -A /usr/lib/systemd/system/vendored.service.d");
    const f = put(ws, "units/vendored.service.d/override.conf", "");
    const r = await deployText(host, f, "[Service]\nEnvironment=MINE=1\n");
    assert.equal(r.outcome, "failed", r.message);
    assert.match(
      r.message,
      /vendored\.service\.d is a symlink to \/usr\/lib\/systemd\/system\/vendored\.service\.d, a package's directory; not writing through it/,
    );
    assert.equal(host.sh("ls -A /usr/lib/systemd/system/vendored.service.d"), vendorDir);
    assert.equal(host.sh("readlink /etc/systemd/system/vendored.service.d").trim(), "/usr/lib/systemd/system/vendored.service.d");
    assert.equal(leftovers(), "");
  });

  it("the host's sshd for the deploy killed after the install: the host finishes the deploy by itself", async () => {
    const f = put(ws, "units/cut.service", "");
    assert.equal((await deployText(host, f, unitText("Cut v1", "/bin/sleep infinity"))).outcome, "deployed");
    let cut = false;
    const r = await deployText(host, f, unitText("Cut v2", "/bin/sleep infinity"), {
      wait: 3,
      onProgress: (p) => {
        if (p.step === "health" && !cut) {
          cut = true;
          // The deploy script's parent is the sshd of its session (its own subshells are "/bin/sh -s" too).
          host.sh(
            `for p in $(pgrep -x -f '/bin/sh -s'); do pp=$(ps -o ppid= -p $p | tr -d ' '); [ "$(ps -o comm= -p $pp)" = sshd ] && kill -9 $pp; done; :`,
          );
        }
      },
    });
    assert.ok(cut);
    assert.equal(r.outcome, "failed", r.message);
    assert.equal(r.errorCode, "ssh");
    assert.match(r.message, /the connection ended before the deploy finished.*the host finishes or rolls back the change by itself/);
    settle();
    assert.match(
      host.sh("systemctl show -p Description -p ActiveState -p NeedDaemonReload cut.service"),
      /Description=Cut v2\nActiveState=active\nNeedDaemonReload=no/,
    );
    assert.equal(leftovers(), "", "the deploy finished: its record is kept, its scratch files are gone");
  });

  it("drift: a file changed on the host since the last deploy is replaced, said so, and kept in the backup", async () => {
    const f = put(ws, "units/drift.service", "");
    assert.equal((await deployText(host, f, unitText("Drift v1", "/bin/sleep infinity"))).outcome, "deployed");
    host.sh("sed -i 's/Drift v1/Drift by hand/' /etc/systemd/system/drift.service && systemctl daemon-reload");
    const r = await deployText(host, f, unitText("Drift v2", "/bin/sleep infinity"));
    assert.equal(r.outcome, "deployed", r.message);
    assert.match(
      r.message,
      /Note: \/etc\/systemd\/system\/drift\.service was changed on the host since the last deploy; that copy is in the backup/,
    );
    assert.match(host.sh("cat /var/backups/etcetera/%etc%systemd%system%drift.service.d/data"), /Drift by hand/);
    const same = await deployText(host, f, unitText("Drift v3", "/bin/sleep infinity"));
    assert.doesNotMatch(same.message, /Note:/, "no drift when the host has what the last deploy installed");
  });

  it("exit 0 right away: a simple service is not deployed (nothing runs), a oneshot is; a failing oneshot is rolled back", async () => {
    const simple = put(ws, "units/quits.service", "");
    const r1 = await deployText(host, simple, unitText("Quits", "/bin/true"));
    assert.equal(r1.outcome, "rolled-back", r1.message);
    assert.match(r1.message, /quits\.service was inactive \(dead, result success\)/);
    assert.equal(host.run("ls /etc/systemd/system/quits.service /etc/systemd/system/multi-user.target.wants/quits.service").code, 2);
    const once = put(ws, "units/once.service", "");
    const r2 = await deployText(host, once, unitText("Once v1", "/bin/true", "Type=oneshot\n"));
    assert.equal(r2.outcome, "deployed", r2.message);
    assert.match(r2.message, /ran the new version and exited successfully/);
    const old = snapshot("once.service");
    const r3 = await deployText(host, once, unitText("Once v2", "/bin/false", "Type=oneshot\n"));
    assert.equal(r3.outcome, "rolled-back", r3.message);
    assert.match(r3.message, /a oneshot whose run failed \(exit-code\)/);
    assert.equal(snapshot("once.service").split("\n")[0], old.split("\n")[0]);
    assert.equal(leftovers(), "");
  });

  it("a oneshot still running its start commands at the bound is a long job: deployed and left running, not killed to roll back", async () => {
    const f = put(ws, "units/long-job.service", "");
    assert.equal((await deployText(host, f, unitText("Job v1", "/bin/true", "Type=oneshot\n"))).outcome, "deployed");
    const r = await deployText(host, f, unitText("Job v2", "/bin/sleep 600", "Type=oneshot\n"), { activateTimeoutSeconds: 5 });
    assert.equal(r.outcome, "deployed", r.message);
    assert.match(r.message, /still running its start commands 5s after systemctl restart/);
    assert.match(host.sh("systemctl show -p Description -p ActiveState long-job.service"), /Description=Job v2\nActiveState=activating/);
    host.sh("systemctl stop long-job.service");
    assert.equal(leftovers(), "");
  });

  it("systemd re-executing during the health watch does not fail a good version", async () => {
    const f = put(ws, "units/reexec.service", "");
    assert.equal((await deployText(host, f, unitText("Reexec v1", "/bin/sleep infinity"))).outcome, "deployed");
    let reexecs: Promise<void> | undefined;
    const r = await deployText(host, f, unitText("Reexec v2", "/bin/sleep infinity"), {
      wait: 6,
      onProgress: (p) => {
        if (p.step === "health" && !reexecs)
          reexecs = new Promise((ok) => setTimeout(ok, 500)).then(
            () => void host.sh("for i in 1 2 3; do systemctl daemon-reexec; sleep 0.5; done"),
          );
      },
    });
    await reexecs;
    assert.equal(r.outcome, "deployed", r.message);
    settle();
    assert.match(host.sh("systemctl show -p Description -p ActiveState reexec.service"), /Description=Reexec v2\nActiveState=active/);
  });
});
