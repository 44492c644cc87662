/**
 * Against a real systemd host: cron.d and user crontabs, logrotate, netplan,
 * status and the journal, sudo users, and the CLI's exit statuses.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { after, before, describe, it } from "node:test";
import { followJournal, readJournal } from "../../server/src/remote/journal.js";
import { queryStatus } from "../../server/src/remote/status.js";
import type { JournalEntry } from "../../server/src/remote/types.js";
import { cli, connect, deployText, put, Timings, unitText, workspace } from "./helpers.js";
import { hostFile, startTestHost, stat, type TestHost } from "./host/test-host.js";

const timings = new Timings();
let host: TestHost;
let ws: string;

describe("config files, status and journal on a real systemd host", { timeout: 600_000 }, () => {
  before(async () => {
    host = await timings.time("host start (unpack + boot)", () => startTestHost("files"));
    ws = workspace("files");
  });
  after(async () => {
    if (host) await timings.time("host stop", () => host.stop());
    if (ws) rmSync(dirname(ws), { recursive: true, force: true });
    timings.print("files, status, logs: measured");
  });

  describe("cron", () => {
    it("a cron.d file is checked by cron's own parser, installed 0644 root, and never leaves a stray file in cron.d", async () => {
      const f = put(ws, "cron.d/etcetera-backup", "");
      const r = await timings.time("deploy cron.d", () =>
        deployText(host, f, "SHELL=/bin/sh\n*/5 * * * * root echo ok\n@daily deployer echo daily\n"),
      );
      assert.equal(r.outcome, "deployed", r.message);
      assert.equal(stat(host, "etc/cron.d/etcetera-backup"), "644 0:0");
      const bad = await deployText(host, f, "*/5 * * * root echo missing-field\n", { force: true });
      assert.equal(bad.outcome, "rejected");
      assert.ok(bad.verifyOutput.length > 0);
      const ghost = await deployText(host, f, "*/5 * * * * ghost echo hi\n");
      assert.equal(ghost.outcome, "rejected");
      assert.match(ghost.verifyOutput.join("\n"), /user 'ghost' does not exist/);
      assert.match(hostFile(host, "etc/cron.d/etcetera-backup") ?? "", /echo ok/);
      assert.equal(host.sh("ls -A /etc/cron.d | grep -v -x -e .placeholder -e e2scrub_all").trim(), "etcetera-backup");
      const dotted = await deployText(host, put(ws, "cron.d/backup.sh", ""), "* * * * * root true\n");
      assert.equal(dotted.errorCode, "invalid-name");
      assert.match(dotted.message, /no dots/);
    });

    it("a user crontab is installed with crontab(1) for the login user, checked with crontab -n first", async () => {
      const f = put(ws, "deployer.crontab", "");
      const r = await timings.time("deploy user crontab", () =>
        deployText(host, f, "*/10 * * * * echo from-etcetera\n", { user: "deployer" }),
      );
      assert.equal(r.outcome, "deployed", r.message);
      assert.match(host.sh("crontab -l", "deployer"), /from-etcetera/);
      const bad = await deployText(host, f, "61 * * * * echo bad-minute\n", { user: "deployer", force: true });
      assert.equal(bad.outcome, "rejected");
      assert.match(bad.verifyOutput.join("\n"), /bad minute/);
      assert.match(host.sh("crontab -l", "deployer"), /from-etcetera/);
      const same = await deployText(host, f, "*/10 * * * * echo from-etcetera\n", { user: "deployer" });
      assert.equal(same.outcome, "unchanged");
    });
  });

  it("a logrotate file is checked by logrotate -d with the whole configuration and a scratch state file", async () => {
    const f = put(ws, "logrotate.d/etcetera-app", "");
    const good = "/var/log/etcetera-app.log {\n  weekly\n  rotate 4\n  compress\n  missingok\n}\n";
    const r = await timings.time("deploy logrotate", () => deployText(host, f, good));
    assert.equal(r.outcome, "deployed", r.message);
    assert.equal(stat(host, "etc/logrotate.d/etcetera-app"), "644 0:0");
    // Local lint stops it first (every deployable kind is linted); forced, the host's logrotate has the last word.
    const linted = await deployText(host, f, "/var/log/etcetera-app.log {\n  rotate four\n}\n");
    assert.equal(linted.outcome, "lint-errors");
    const bad = await deployText(host, f, "/var/log/etcetera-app.log {\n  rotate four\n}\n", { force: true });
    assert.equal(bad.outcome, "rejected");
    assert.match(bad.verifyOutput.join("\n"), /bad rotation count/);
    // Another file claiming the same log is a duplicate logrotate refuses.
    const dup = await deployText(host, put(ws, "logrotate.d/etcetera-dup", ""), good);
    assert.equal(dup.outcome, "rejected");
    assert.match(dup.verifyOutput.join("\n"), /duplicate/);
    assert.equal(hostFile(host, "etc/logrotate.d/etcetera-dup"), undefined);
    assert.equal(hostFile(host, "etc/logrotate.d/etcetera-app"), good);
    assert.equal(host.run("ls /var/lib/logrotate/status.etcetera* /tmp/etcetera.*").code, 2, "scratch files are removed");
  });

  it("logrotate at deploy: a log that does not exist yet is a warning; unknown su/create names and a missing olddir are refused", async () => {
    const f = put(ws, "logrotate.d/etcetera-host", "");
    // No file matches (and no missingok): deployed, with a warning naming the path.
    const absent = "/var/log/etcetera-not-yet.log /var/log/etcetera-dir/*.log {\n  weekly\n  rotate 2\n}\n";
    const r = await deployText(host, f, absent);
    assert.equal(r.outcome, "deployed", r.message);
    const out = r.verifyOutput.join("\n");
    assert.match(out, /^warning: no file matches \/var\/log\/etcetera-not-yet\.log on this host \(yet\)/m);
    assert.match(out, /^warning: no file matches \/var\/log\/etcetera-dir on this host/m);
    // Once the logs exist, no warning.
    host.sh("touch /var/log/etcetera-not-yet.log && mkdir -p /var/log/etcetera-dir && touch /var/log/etcetera-dir/a.log");
    const present = await deployText(host, f, absent.replace("rotate 2", "rotate 3"));
    assert.equal(present.outcome, "deployed", present.message);
    assert.deepEqual(present.verifyOutput, []);
    // logrotate resolves su and create names and checks olddir when it reads the file, and skips the block: refused.
    for (const [line, reason] of [
      ["su etcetera-nobody adm", /unknown user 'etcetera-nobody'/],
      ["create 0640 root etcetera-nogroup", /unknown group 'etcetera-nogroup'/],
      ["olddir /var/log/etcetera-old", /error verifying olddir path \/var\/log\/etcetera-old/],
    ] as const) {
      const bad = await deployText(host, f, `/var/log/etcetera-not-yet.log {\n  ${line}\n}\n`);
      assert.equal(bad.outcome, "rejected", line);
      assert.match(bad.verifyOutput.join("\n"), reason, line);
    }
    assert.match(hostFile(host, "etc/logrotate.d/etcetera-host") ?? "", /rotate 3/);
    host.sh("rm -rf /etc/logrotate.d/etcetera-host /var/log/etcetera-not-yet.log /var/log/etcetera-dir");
  });

  it("netplan: netplan generate checks the file in a scratch root; a failed netplan apply restores the previous file at once", async () => {
    const f = put(ws, "netplan/60-etcetera.yaml", "");
    const netplanBad = "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: maybe\n";
    assert.equal((await deployText(host, f, netplanBad)).outcome, "lint-errors");
    const bad = await deployText(host, f, netplanBad, { force: true });
    assert.equal(bad.outcome, "rejected");
    assert.match(bad.verifyOutput.join("\n"), /invalid boolean value 'maybe'/);
    assert.equal(hostFile(host, "etc/netplan/60-etcetera.yaml"), undefined);
    assert.equal(host.run("ls /run/systemd/network/").stdout.trim(), "", "generate ran in a scratch root only");
    const r = await timings.time("netplan deploy (apply fails: no udev)", () =>
      deployText(host, f, "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n"),
    );
    // The revert applies the previous configuration, which fails here too: said, not hidden.
    assert.equal(r.outcome, "failed");
    assert.match(r.message, /netplan apply failed \(exit \d+\), and so did the revert/);
    assert.match(r.message, /no running udev/);
    assert.equal(hostFile(host, "etc/netplan/60-etcetera.yaml"), undefined);
    assert.equal(host.sh("systemctl list-units --all --no-legend 'etcetera-netplan-revert-*.timer'").trim(), "", "no revert timer is left");
    // While another netplan change waits for its confirmation, a second one is refused before anything changes.
    host.sh("mkdir -p /run/etcetera/netplan-try && echo pending > /run/etcetera/netplan-try/state");
    const busy = await deployText(host, f, "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n");
    host.sh("rm -rf /run/etcetera/netplan-try");
    assert.equal(busy.outcome, "failed");
    assert.equal(busy.errorCode, "locked");
    assert.match(busy.message, /another netplan change on this host waits for its confirmation/);
    assert.equal(hostFile(host, "etc/netplan/60-etcetera.yaml"), undefined);
  });

  describe("status", () => {
    it("reads active, failed and missing units from systemctl show", async () => {
      await deployText(host, put(ws, "units/ok.service", ""), unitText("It's #1; fine", "/bin/sh -c 'exec sleep infinity'"));
      host.sh(
        "printf '[Service]\\nExecStart=/bin/false\\n' > /etc/systemd/system/broken.service && systemctl daemon-reload && (systemctl start broken.service || true)",
      );
      const c = connect(host);
      const [ok, broken, missing] = await timings.time("status of 3 units", () =>
        queryStatus(c.transport, ["ok.service", "broken.service", "missing.service"], { scope: "system", sudo: true, where: "test" }),
      );
      assert.equal(ok?.activeState, "active");
      assert.equal(ok?.subState, "running");
      assert.equal(ok?.unitFileState, "enabled");
      assert.equal(ok?.description, "It's #1; fine");
      assert.ok((ok?.mainPid ?? 0) > 1);
      assert.match(ok?.activeSince ?? "", /^\d{4}-\d\d-\d\dT/);
      assert.equal(broken?.activeState, "failed");
      assert.equal(broken?.result, "exit-code");
      assert.equal(missing?.loadState, "not-found");
      const res = await cli(["status", "ok.service", "--host", host.alias, "--ssh-config", host.sshConfig, "--format", "json"], {
        ETCETERA_SSH_CONTROL_DIR: host.controlDir,
      });
      assert.equal(res.code, 0, res.stderr);
      assert.equal(JSON.parse(res.stdout)[0].activeState, "active");
      const failed = await cli(["status", "ok.service", "broken.service", "--host", host.alias, "--ssh-config", host.sshConfig], {
        ETCETERA_SSH_CONTROL_DIR: host.controlDir,
      });
      assert.equal(failed.code, 1);
      assert.match(failed.stdout, /broken\.service\s+failed/);
    });

    it("refreshes 20 units in one round trip", async () => {
      const units = Array.from({ length: 20 }, (_, i) => `bulk${i}.service`);
      host.sh(
        `for i in $(seq 0 19); do printf '[Service]\\nExecStart=/bin/sleep infinity\\n' > /etc/systemd/system/bulk$i.service; done; systemctl daemon-reload; systemctl start ${units.join(" ")}`,
      );
      const c = connect(host);
      await queryStatus(c.transport, units, { scope: "system", sudo: true, where: "test" });
      const all = await timings.time("status of 20 units (connection reused)", () =>
        queryStatus(c.transport, units, { scope: "system", sudo: true, where: "test" }),
      );
      assert.equal(all.length, 20);
      assert.ok(all.every((s) => s.activeState === "active"));
    });
  });

  describe("logs", () => {
    it("shows the lines a service printed, with priority and time, and follow picks up a new line", async () => {
      const f = put(ws, "units/talker.service", "");
      await deployText(
        host,
        f,
        unitText(
          "Talker",
          "/bin/sh -c 'echo hello from talker; echo \"<3>an error line\"; exec sleep infinity'",
          "SyslogLevelPrefix=yes\n",
        ),
      );
      const c = connect(host);
      const recent = await readJournal(c.transport, "talker.service", { scope: "system", sudo: true, lines: 20, where: "test" });
      const hello = recent.find((e) => e.message === "hello from talker");
      assert.ok(hello, JSON.stringify(recent));
      assert.equal(hello.priority, 6);
      assert.match(hello.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      assert.equal(recent.find((e) => e.message === "an error line")?.priority, 3);

      const seen: JournalEntry[] = [];
      const follow = followJournal(c.transport, "talker.service", { scope: "system", sudo: true, lines: 5, where: "test" }, (e) =>
        seen.push(e),
      );
      const waitFor = async (pred: () => boolean, ms: number) => {
        for (let t = 0; t < ms && !pred(); t += 100) await new Promise((r) => setTimeout(r, 100));
        return pred();
      };
      assert.ok(await waitFor(() => seen.some((e) => e.message === "hello from talker"), 10000), "recent lines first");
      const t0 = Date.now();
      host.sh("systemd-cat -t talker-test echo never shown");
      // A new line in the unit's journal: systemd logs its own messages about the unit too.
      host.sh("systemctl restart talker.service");
      assert.ok(await waitFor(() => seen.filter((e) => e.message === "hello from talker").length >= 2, 10000), "follow picks up new lines");
      timings.add("journal follow: new line seen after", Date.now() - t0);
      assert.ok(!seen.some((e) => e.message === "never shown"), "only this unit's lines");
      follow.stop();
      const end = await follow.done;
      assert.notEqual(end.code, 255);
      assert.equal(host.run("pgrep -x journalctl").code, 1, "closing the view leaves no journalctl on the host");

      const res = await cli(["logs", "talker.service", "-n", "3", "--host", host.alias, "--ssh-config", host.sshConfig], {
        ETCETERA_SSH_CONTROL_DIR: host.controlDir,
      });
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stdout, /hello from talker/);
    });
  });

  describe("sudo", () => {
    it("a user with passwordless sudo deploys system units through sudo -n", async () => {
      const f = put(ws, "units/via-sudo.service", "");
      const r = await deployText(host, f, unitText("Via sudo", "/bin/sh -c 'exec sleep infinity'"), { user: "deployer" });
      assert.equal(r.outcome, "deployed", r.message);
      assert.equal(stat(host, "etc/systemd/system/via-sudo.service"), "644 0:0");
    });

    for (const user of ["plain", "nosudo"]) {
      it(`${user === "plain" ? "a user whose sudo asks for a password" : "a user without sudo"} gets a clear error and nothing changes`, async () => {
        const f = put(ws, `units/${user}.service`, "");
        const r = await deployText(host, f, unitText("Never", "/bin/sh -c 'exec sleep infinity'"), { user });
        assert.equal(r.outcome, "failed");
        assert.equal(r.errorCode, "sudo-password");
        assert.match(r.message, /sudo -n/);
        assert.match(r.message, /NOPASSWD/);
        assert.match(r.message, /Nothing was changed/);
        assert.equal(hostFile(host, `etc/systemd/system/${user}.service`), undefined);
        const res = await cli(["deploy", f, "--host", `${user}@${host.alias}`, "--ssh-config", host.sshConfig], {
          ETCETERA_SSH_CONTROL_DIR: host.controlDir,
        });
        assert.equal(res.code, 3);
        assert.match(res.stdout, /sudo/);
      });
    }
  });

  describe("the CLI", () => {
    it("deploy exits 0 only when the host ends in the state asked for, and says what happened as JSON", async () => {
      const f = put(ws, "units/cli app.service".replace(" ", "-"), "");
      const env = { ETCETERA_SSH_CONTROL_DIR: host.controlDir };
      const args = (file: string) => [
        "deploy",
        file,
        "--host",
        host.alias,
        "--ssh-config",
        host.sshConfig,
        "--format",
        "json",
        "--wait",
        "10",
      ];
      const { writeFileSync } = await import("node:fs");
      writeFileSync(f, unitText("CLI", "/bin/sh -c 'exec sleep infinity'"));
      const ok = await timings.time("CLI deploy (process start + deploy)", () => cli(args(f), env));
      assert.equal(ok.code, 0, ok.stderr + ok.stdout);
      const result = JSON.parse(ok.stdout);
      assert.equal(result.outcome, "deployed");
      assert.equal(result.status.activeState, "active");
      writeFileSync(f, unitText("CLI", "/bin/false"));
      const bad = await cli(args(f), env);
      assert.equal(bad.code, 1);
      assert.equal(JSON.parse(bad.stdout).outcome, "rolled-back");
      const unknownHost = await cli(["deploy", f, "--host", "no-such-alias.invalid", "--ssh-config", host.sshConfig], env);
      assert.equal(unknownHost.code, 3);
      assert.match(unknownHost.stdout + unknownHost.stderr, /no-such-alias/);
      const usage = await cli(["deploy", f], env);
      assert.equal(usage.code, 2);
    });

    it("acts on a unit: restart gives a new PID, stop stops, rollback restores the version before the last deploy", async () => {
      const env = { ETCETERA_SSH_CONTROL_DIR: host.controlDir };
      const f = put(ws, "units/act.service", "");
      await deployText(host, f, unitText("Act v1", "/bin/sh -c 'exec sleep infinity'"));
      await deployText(host, f, unitText("Act v2", "/bin/sh -c 'exec sleep infinity'"));
      const act = async (action: string) => {
        const r = await cli(
          ["status", "act.service", "--host", host.alias, "--ssh-config", host.sshConfig, "--action", action, "--format", "json"],
          env,
        );
        return { code: r.code, out: JSON.parse(r.stdout) };
      };
      const before = Number(host.sh("systemctl show -p MainPID --value act.service"));
      const restarted = await act("restart");
      assert.equal(restarted.code, 0);
      assert.notEqual(restarted.out.status.mainPid, before);
      const stopped = await act("stop");
      assert.equal(stopped.code, 0);
      assert.equal(stopped.out.status.activeState, "inactive");
      const rolled = await act("rollback");
      assert.equal(rolled.code, 0, rolled.out.message);
      assert.equal(rolled.out.status.description, "Act v1");
      assert.equal(rolled.out.status.activeState, "active");
      const again = await act("rollback");
      assert.equal(again.code, 1);
      assert.match(again.out.message, /no backup/);
    });

    it("never turns host key checking off: an unknown host key is a clear error", async () => {
      const { readFileSync, writeFileSync } = await import("node:fs");
      const other = `${host.sshConfig} (empty known_hosts)`;
      writeFileSync(
        other,
        readFileSync(host.sshConfig, "utf8")
          .replace(/UserKnownHostsFile .*/, `UserKnownHostsFile /dev/null`)
          .replace("StrictHostKeyChecking yes", "StrictHostKeyChecking ask"),
      );
      // A control dir of its own: a connection already open would not check the key again.
      const { mkdtempSync } = await import("node:fs");
      const ctl = mkdtempSync("/tmp/etcetera-ctl-");
      const res = await cli(["status", "ssh.service", "--host", host.alias, "--ssh-config", other], { ETCETERA_SSH_CONTROL_DIR: ctl });
      rmSync(ctl, { recursive: true, force: true });
      assert.equal(res.code, 3);
      assert.match(res.stderr, /host key/);
    });
  });
});
