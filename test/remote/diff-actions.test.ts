/**
 * Against a real systemd host: `etcetera diff` (the host's installed file vs
 * the local one, byte for byte, where deploy puts it) and the unit actions
 * reload, mask, unmask and reset-failed of `etcetera status --action`.
 */
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { after, before, describe, it } from "node:test";
import { cli, deployText, put, Timings, unitText, workspace } from "./helpers.js";
import { hostFile, startTestHost, type TestHost } from "./host/test-host.js";

const timings = new Timings();
let host: TestHost;
let ws: string;
const notRoot = process.getuid?.() !== 0 ? "needs root: the test host is a systemd-nspawn container" : false;

describe("diff and unit actions on a real systemd host", { timeout: 600_000, skip: notRoot }, () => {
  before(async () => {
    host = await timings.time("host start (unpack + boot)", () => startTestHost("diff"));
    ws = workspace("diff");
  });
  after(async () => {
    if (host) await timings.time("host stop", () => host.stop());
    if (ws) rmSync(dirname(ws), { recursive: true, force: true });
    timings.print("diff, actions: measured");
  });
  const env = () => ({ ETCETERA_SSH_CONTROL_DIR: host.controlDir });
  const remote = (...args: string[]) => [...args, "--host", host.alias, "--ssh-config", host.sshConfig];

  describe("diff", () => {
    it("says same, differs (with a unified diff) and absent, for a unit where deploy installs it", async () => {
      const f = put(ws, "units/drift.service", "");
      const v1 = unitText("Drift v1", "/bin/sh -c 'exec sleep infinity'");
      const absent = await cli(remote("diff", f, "--format", "json"), env());
      writeFileSync(f, v1);
      assert.equal(absent.code, 1, absent.stderr);
      assert.deepEqual(JSON.parse(absent.stdout), {
        file: f,
        host: JSON.parse(absent.stdout).host,
        target: "/etc/systemd/system/drift.service",
        status: "absent",
      });
      assert.equal((await deployText(host, f, v1)).outcome, "deployed");
      const same = await timings.time("CLI diff (same)", () => cli(remote("diff", f), env()));
      assert.equal(same.code, 0, same.stderr);
      assert.match(same.stdout, /^same: /);
      writeFileSync(f, v1.replace("Drift v1", "Drift v2"));
      const differs = await cli(remote("diff", f), env());
      assert.equal(differs.code, 1, differs.stderr);
      assert.match(differs.stdout, /^--- .*:\/etc\/systemd\/system\/drift\.service$/m);
      assert.match(differs.stdout, /^-Description=Drift v1$/m);
      assert.match(differs.stdout, /^\+Description=Drift v2$/m);
      const json = JSON.parse((await cli(remote("diff", f, "--format", "json"), env())).stdout);
      assert.equal(json.status, "differs");
      assert.match(json.diff, /\+Description=Drift v2/);
      // A change on the host itself is drift too.
      host.sh("sed -i 's/Drift v1/Drift on host/' /etc/systemd/system/drift.service");
      writeFileSync(f, v1);
      const drift = await cli(remote("diff", f), env());
      assert.equal(drift.code, 1);
      assert.match(drift.stdout, /^-Description=Drift on host$/m);
    });

    it("compares exact bytes: a missing final newline, CRLF and bytes that are not UTF-8 all differ", async () => {
      const f = put(ws, "logrotate.d/bytes-app", "");
      const good = "/var/log/bytes-app.log {\n  weekly\n  missingok\n}\n";
      assert.equal((await deployText(host, f, good)).outcome, "deployed");
      assert.equal((await cli(remote("diff", f), env())).code, 0);
      for (const variant of [
        good.slice(0, -1),
        good.replace(/\n/g, "\r\n"),
        Buffer.concat([Buffer.from(good), Buffer.from([0xff, 0x0a])]),
      ]) {
        writeFileSync(f, variant);
        const r = await cli(remote("diff", f, "--format", "json"), env());
        assert.equal(r.code, 1, `${JSON.stringify(String(variant))}: ${r.stdout}${r.stderr}`);
        assert.equal(JSON.parse(r.stdout).status, "differs");
      }
      // The text output never passes the host's control characters to the terminal.
      host.sh("printf '# \\033]0;pwned\\007\\n' >> /etc/logrotate.d/bytes-app");
      writeFileSync(f, good);
      const esc = await cli(remote("diff", f), env());
      assert.equal(esc.code, 1);
      assert.ok(!esc.stdout.includes("\x1b"), esc.stdout);
      assert.match(esc.stdout, /\\x1b\]0;pwned\\x07/);
    });

    it("reads a root-only netplan file through sudo, and the login user's crontab with crontab -l", async () => {
      const f = put(ws, "netplan/70-diff.yaml", "");
      const yaml = "network:\n  version: 2\n  ethernets:\n    eth9:\n      dhcp4: true\n";
      host.sh(`printf '%s' '${yaml}' > /etc/netplan/70-diff.yaml && chmod 600 /etc/netplan/70-diff.yaml`);
      writeFileSync(f, yaml);
      const viaSudo = await cli(
        remote("diff", f).map((a) => (a === host.alias ? `deployer@${host.alias}` : a)),
        env(),
      );
      assert.equal(viaSudo.code, 0, viaSudo.stdout + viaSudo.stderr);
      const noSudo = await cli(
        remote("diff", f).map((a) => (a === host.alias ? `plain@${host.alias}` : a)),
        env(),
      );
      assert.equal(noSudo.code, 3, noSudo.stdout + noSudo.stderr);
      assert.match(noSudo.stderr, /sudo/);
      const c = put(ws, "deployer.crontab", "");
      assert.equal((await deployText(host, c, "*/7 * * * * echo diffed\n", { user: "deployer" })).outcome, "deployed");
      const asDeployer = (...a: string[]) => remote(...a).map((x) => (x === host.alias ? `deployer@${host.alias}` : x));
      assert.equal((await cli(asDeployer("diff", c), env())).code, 0);
      writeFileSync(c, "*/8 * * * * echo diffed\n");
      const cd = await cli(asDeployer("diff", c, "--format", "json"), env());
      assert.equal(cd.code, 1);
      assert.equal(JSON.parse(cd.stdout).target, "crontab -l");
      assert.match(hostFile(host, "etc/netplan/70-diff.yaml") ?? "", /eth9/);
    });

    it("exit 3 for an unreachable host, 2 for a file deploy does not know", async () => {
      const f = put(ws, "units/x.service", unitText("X", "/bin/true"));
      const unreachable = await cli(["diff", f, "--host", "no-such-alias.invalid", "--ssh-config", host.sshConfig], env());
      assert.equal(unreachable.code, 3);
      const unknown = await cli(remote("diff", put(ws, "notes.txt", "hello\n")), env());
      assert.equal(unknown.code, 2, unknown.stderr);
    });
  });

  it("cat shows a unit's fragment and drop-ins as the host has them, escaping control characters", async () => {
    const f = put(ws, "units/catme.service", "");
    assert.equal(
      (await deployText(host, f, unitText("Cat \x1b[2Jme", "/bin/sh -c 'exec sleep infinity'"), { force: true })).outcome,
      "deployed",
    );
    host.sh(
      "mkdir -p /etc/systemd/system/catme.service.d && printf '[Service]\\nEnvironment=FROM_DROPIN=1\\n' > /etc/systemd/system/catme.service.d/10-env.conf && systemctl daemon-reload",
    );
    const r = await timings.time("CLI cat", () => cli(remote("cat", "catme.service"), env()));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# \/etc\/systemd\/system\/catme\.service$/m);
    assert.match(r.stdout, /^# \/etc\/systemd\/system\/catme\.service\.d\/10-env\.conf$/m);
    assert.match(r.stdout, /^Environment=FROM_DROPIN=1$/m);
    assert.ok(!r.stdout.includes("\x1b"), "no raw escape reaches the terminal");
    assert.match(r.stdout, /Description=Cat \\x1b\[2Jme/);
    const json = JSON.parse((await cli(remote("cat", "catme.service", "--format", "json"), env())).stdout);
    assert.equal(json.found, true);
    assert.ok(json.text.includes("Cat \x1b[2Jme"), "JSON keeps the data");
    const missing = await cli(remote("cat", "no-such-unit.service"), env());
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /No files found/);
    assert.equal((await cli(remote("cat", "not a unit"), env())).code, 2);
  });

  describe("status --action", () => {
    const act = async (unit: string, action: string) => {
      const r = await cli(remote("status", unit, "--action", action, "--format", "json"), env());
      return { code: r.code, out: JSON.parse(r.stdout), stderr: r.stderr };
    };

    it("reload runs ExecReload and keeps the PID; a unit without ExecReload cannot be reloaded (exit 1)", async () => {
      const f = put(ws, "units/reloadable.service", "");
      const text = unitText("Reloadable", "/bin/sh -c 'exec sleep infinity'", "ExecReload=/bin/sh -c 'touch /run/reloaded'\n");
      assert.equal((await deployText(host, f, text)).outcome, "deployed");
      const pid = Number(host.sh("systemctl show -p MainPID --value reloadable.service"));
      const r = await timings.time("CLI status --action reload", () => act("reloadable.service", "reload"));
      assert.equal(r.code, 0, r.out.message);
      assert.equal(r.out.status.mainPid, pid);
      assert.equal(host.run("test -e /run/reloaded").code, 0, "ExecReload ran");
      assert.equal(
        (await deployText(host, put(ws, "units/plain.service", ""), unitText("Plain", "/bin/sh -c 'exec sleep infinity'"))).outcome,
        "deployed",
      );
      const no = await act("plain.service", "reload");
      assert.equal(no.code, 1);
      assert.match(no.out.message, /reload/i);
    });

    it("mask makes a unit unstartable, unmask undoes it; masking a unit file in /etc is refused by systemctl (exit 1)", async () => {
      host.sh(
        "printf '[Service]\\nExecStart=/bin/sleep infinity\\n' > /usr/lib/systemd/system/vendor.service && systemctl daemon-reload && systemctl start vendor.service",
      );
      const masked = await act("vendor.service", "mask");
      assert.equal(masked.code, 0, masked.out.message);
      assert.equal(masked.out.status.loadState, "masked");
      assert.equal(host.sh("readlink /etc/systemd/system/vendor.service").trim(), "/dev/null");
      assert.notEqual(host.run("systemctl start vendor.service").code, 0, "a masked unit does not start");
      const unmasked = await act("vendor.service", "unmask");
      assert.equal(unmasked.code, 0, unmasked.out.message);
      assert.equal(unmasked.out.status.loadState, "loaded");
      assert.equal(host.run("test -e /etc/systemd/system/vendor.service").code, 1);
      assert.equal(host.run("systemctl start vendor.service").code, 0);
      const own = await act("reloadable.service", "mask");
      assert.equal(own.code, 1);
      assert.match(own.out.message, /exists/);
      assert.equal(own.out.status.loadState, "loaded");
    });

    it("reset-failed clears a failed unit's state", async () => {
      host.sh(
        "printf '[Service]\\nExecStart=/bin/false\\n' > /etc/systemd/system/fails.service && systemctl daemon-reload && (systemctl start fails.service || true)",
      );
      assert.equal(host.sh("systemctl show -p ActiveState --value fails.service").trim(), "failed");
      const r = await act("fails.service", "reset-failed");
      assert.equal(r.code, 0, r.out.message);
      assert.equal(r.out.status.activeState, "inactive");
      const bad = await cli(remote("status", "fails.service", "--action", "kill"), env());
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /reset-failed/);
    });
  });
});
