/**
 * The deploy guarantees of issue 9 against the real systemd test host: a
 * deploy ends on the new version, proven, or exactly on the old one (file or
 * symlink, enablement, running state) and says which. One test per defect.
 */
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { defaultSettings } from "../../server/src/core/settings.js";
import { unitAction } from "../../server/src/remote/actions.js";
import { deploy } from "../../server/src/remote/deploy.js";
import { cli, connect, deployText, put, Timings, unitText, workspace } from "./helpers.js";
import { hostFile, startTestHost, type TestHost } from "./host/test-host.js";

const timings = new Timings();
let host: TestHost;
let ws: string;
const env = () => ({ ETCETERA_SSH_CONTROL_DIR: host.controlDir });
const remote = () => ["--host", host.alias, "--ssh-config", host.sshConfig];
const show = (unit: string, prop: string) => host.sh(`systemctl show -p ${prop} --value -- ${unit}`).trim();
/** Everything a rollback must put back: the file or symlink, the unit's links, its enablement and state. */
function snapshot(unit: string, path: string): string {
  return host.sh(
    `cd /etc/systemd/system; if [ -L ${path} ]; then echo "link $(readlink ${path})"; elif [ -f ${path} ]; then sha256sum < ${path}; else echo absent; fi
     find /etc/systemd/system -type l -name ${unit} -printf '%p -> %l\\n' | sort
     systemctl is-enabled -- ${unit} || :; systemctl is-active -- ${unit} || :`,
  );
}
const noLeftovers = () => {
  assert.equal(
    host.run("ls -d /tmp/etcetera.* /etc/.etcetera-staging /etc/systemd/.etcetera-staging").code,
    2,
    "nothing left in /tmp or staging",
  );
  assert.equal(host.run("ls /var/backups/etcetera/ | grep -e '\\.new$' -e '\\.absent$'").code, 1, "no pending or stale backup records");
};

describe("deploy safety on a real systemd host (issue 9)", { timeout: 900_000 }, () => {
  before(async () => {
    host = await timings.time("host start (unpack + boot)", () => startTestHost("safety"));
    ws = workspace("safety");
  });
  after(async () => {
    if (host) await timings.time("host stop", () => host.stop());
    if (ws) rmSync(dirname(ws), { recursive: true, force: true });
    timings.print("deploy safety: measured");
  });

  it("defect 1: an override of a running vendor unit is really restarted, and the check proves the new version runs", async () => {
    assert.equal(show("cron.service", "ActiveState"), "active");
    const before = snapshot("cron.service", "cron.service");
    const vendorPid = show("cron.service", "MainPID");
    const f = put(ws, "override/cron.service", "");
    const broken = await timings.time("override of a running vendor unit, broken", () =>
      deployText(host, f, unitText("cron, broken override", "/bin/false")),
    );
    assert.equal(broken.outcome, "rolled-back", broken.message);
    assert.equal(broken.ok, false);
    assert.equal(hostFile(host, "etc/systemd/system/cron.service"), undefined);
    assert.equal(show("cron.service", "FragmentPath"), "/lib/systemd/system/cron.service");
    assert.equal(snapshot("cron.service", "cron.service"), before, "vendor unit: enablement and state as before");

    const vendor = readFileSync(join(host.root, "lib/systemd/system/cron.service"), "utf8");
    const good = vendor.replace(/^Description=.*$/m, "Description=cron, overridden by etcetera");
    const pidBefore = show("cron.service", "MainPID");
    assert.notEqual(pidBefore, vendorPid, "the rollback restarted the vendor version");
    const r = await deployText(host, f, good);
    assert.equal(r.outcome, "deployed", r.message);
    assert.match(r.message, /new version/);
    assert.notEqual(String(r.status?.mainPid), pidBefore, "a new main process");
    assert.equal(show("cron.service", "FragmentPath"), "/etc/systemd/system/cron.service");
    assert.equal(show("cron.service", "NeedDaemonReload"), "no");
    assert.equal(show("cron.service", "Description"), "cron, overridden by etcetera");
    assert.equal(host.sh("systemctl is-enabled cron.service").trim(), "enabled");

    // Rolling the override back restores the vendor unit as it was, enablement untouched.
    const back = await unitAction(connect(host).transport, "cron.service", "rollback", { scope: "system", sudo: true, where: "test" });
    assert.ok(back.ok, back.message);
    assert.equal(show("cron.service", "FragmentPath"), "/lib/systemd/system/cron.service");
    assert.equal(snapshot("cron.service", "cron.service"), before);
    noLeftovers();
  });

  describe("defect 3: the health check watches the whole --wait window", () => {
    it("a service that exits after 3 s is not deployed with --wait 6", async () => {
      const f = put(ws, "units/short-lived.service", "");
      await deployText(host, f, unitText("Short-lived v1", "/bin/sh -c 'exec sleep infinity'"));
      const r = await timings.time("deploy --wait 6 of a service that exits after 3 s", () =>
        deployText(host, f, unitText("Short-lived v2", "/bin/sh -c 'sleep 3; exit 0'"), { wait: 6 }),
      );
      assert.equal(r.outcome, "rolled-back", r.message);
      assert.match(r.message, /inactive|exited|dead/);
      assert.equal(show("short-lived.service", "Description"), "Short-lived v1");
      assert.equal(show("short-lived.service", "ActiveState"), "active");
    });

    it("a service that systemd keeps restarting is not deployed", async () => {
      const f = put(ws, "units/flappy.service", "");
      const r = await deployText(host, f, unitText("Flappy", "/bin/sh -c 'sleep 1; exit 1'", "Restart=always\nRestartSec=200ms\n"), {
        wait: 4,
      });
      assert.equal(r.outcome, "rolled-back", r.message);
      assert.match(r.message, /restart|failed|activating/);
      assert.equal(hostFile(host, "etc/systemd/system/flappy.service"), undefined);
      assert.equal(host.run("systemctl is-enabled flappy.service").stdout.trim(), "");
    });

    it("a timer with nothing left to elapse is not deployed", async () => {
      const f = put(ws, "units/past.timer", "");
      put(ws, "units/past.service", "");
      host.sh("printf '[Service]\\nType=oneshot\\nExecStart=/bin/true\\n' > /etc/systemd/system/past.service && systemctl daemon-reload");
      const r = await deployText(
        host,
        f,
        "[Unit]\nDescription=Past\n\n[Timer]\nOnCalendar=2001-01-01\n\n[Install]\nWantedBy=timers.target\n",
      );
      assert.notEqual(r.outcome, "deployed", r.message);
      assert.equal(hostFile(host, "etc/systemd/system/past.timer"), undefined);
    });

    it("--wait takes whole seconds: 1.5 is a usage error (exit 2) and the host is not touched", async () => {
      const f = put(ws, "units/waity.service", unitText("Waity", "/bin/sh -c 'exec sleep infinity'"));
      const res = await cli(["deploy", f, ...remote(), "--wait", "1.5"], env());
      assert.equal(res.code, 2, res.stderr);
      assert.match(res.stderr, /whole seconds/);
      assert.equal(hostFile(host, "etc/systemd/system/waity.service"), undefined);
      const ok = await cli(["deploy", f, ...remote(), "--wait", "1"], env());
      assert.equal(ok.code, 0, ok.stderr + ok.stdout);
    });
  });

  describe("defect 2: rollback undoes only what the deploy did", () => {
    it("a masked unit is not unmasked by a deploy unless forced, and stays masked after a forced deploy that fails", async () => {
      host.sh("ln -s /dev/null /etc/systemd/system/masked-demo.service && systemctl daemon-reload");
      const before = snapshot("masked-demo.service", "masked-demo.service");
      const f = put(ws, "units/masked-demo.service", "");
      const refused = await deployText(host, f, unitText("Masked demo", "/bin/sleep infinity"));
      assert.equal(refused.outcome, "rejected", refused.message);
      assert.equal(refused.errorCode, "masked");
      assert.match(refused.message, /masked-demo\.service is masked on this host .*would unmask it; the host is unchanged/);
      assert.equal(snapshot("masked-demo.service", "masked-demo.service"), before);

      const r = await deployText(host, f, unitText("Masked demo", "/bin/false"), { force: true });
      assert.equal(r.outcome, "rolled-back", r.message);
      assert.equal(host.sh("readlink /etc/systemd/system/masked-demo.service").trim(), "/dev/null");
      assert.equal(snapshot("masked-demo.service", "masked-demo.service"), before);
      assert.equal(host.run("systemctl is-enabled masked-demo.service").stdout.trim(), "masked");

      // An empty file masks a unit just as well.
      host.sh("cd /etc/systemd/system && rm masked-demo.service && : > masked-demo.service && systemctl daemon-reload");
      const empty = await deployText(host, f, unitText("Masked demo", "/bin/sleep infinity"));
      assert.equal(empty.errorCode, "masked", empty.message);
      assert.equal(host.sh("stat -c %s /etc/systemd/system/masked-demo.service").trim(), "0");
      noLeftovers();
    });

    it("a unit masked elsewhere (/run, or the unit of a drop-in) is refused even when forced: the new file would never load", async () => {
      host.sh("systemctl mask --runtime runmasked.service");
      const f = put(ws, "units/runmasked.service", "");
      const r = await deployText(host, f, unitText("Runtime-masked demo", "/bin/sleep infinity"), { force: true });
      assert.equal(r.outcome, "rejected", r.message);
      assert.equal(r.errorCode, undefined);
      assert.match(r.message, /runmasked\.service is masked on this host \(masked-runtime, by a mask other than /);
      assert.equal(hostFile(host, "etc/systemd/system/runmasked.service"), undefined, "nothing installed");
      host.sh("systemctl unmask --runtime runmasked.service");

      host.sh("ln -s /dev/null /etc/systemd/system/dropmasked.service && systemctl daemon-reload");
      const d = put(ws, "units/dropmasked.service.d/override.conf", "");
      const drop = await deployText(host, d, "[Service]\nEnvironment=A=1\n");
      assert.equal(drop.outcome, "rejected", drop.message);
      assert.match(drop.message, /dropmasked\.service is masked on this host \(masked,/);
      assert.equal(hostFile(host, "etc/systemd/system/dropmasked.service.d/override.conf"), undefined, "nothing installed");
      noLeftovers();
    });

    it("an alias symlink is put back as a symlink", async () => {
      host.sh(
        "printf '[Service]\\nExecStart=/bin/sleep infinity\\n' > /etc/systemd/system/aliased-real.service && ln -s /etc/systemd/system/aliased-real.service /etc/systemd/system/aliased.service && systemctl daemon-reload",
      );
      const f = put(ws, "units/aliased.service", "");
      const r = await deployText(host, f, unitText("Aliased", "/bin/false"));
      assert.equal(r.outcome, "rolled-back", r.message);
      assert.equal(host.sh("readlink /etc/systemd/system/aliased.service").trim(), "/etc/systemd/system/aliased-real.service");
    });

    it("status --action rollback restores the file and removes only the enablement the deploy created", async () => {
      const f = put(ws, "units/twice.service", "");
      const before = snapshot("twice.service", "twice.service");
      assert.equal((await deployText(host, f, unitText("Twice v1", "/bin/sh -c 'exec sleep infinity'"))).outcome, "deployed");
      const v1 = snapshot("twice.service", "twice.service");
      assert.equal((await deployText(host, f, unitText("Twice v2", "/bin/sh -c 'exec sleep infinity'"))).outcome, "deployed");
      const act = (action: string) => cli(["status", "--action", action, ...remote(), "--format", "json", "--", "twice.service"], env());
      const one = await act("rollback");
      assert.equal(one.code, 0, one.stdout + one.stderr);
      assert.equal(show("twice.service", "Description"), "Twice v1");
      assert.equal(snapshot("twice.service", "twice.service"), v1, "v1 with its enablement");
      const two = await act("rollback");
      assert.equal(two.code, 1, two.stdout);
      assert.match(JSON.parse(two.stdout).message, /no backup/);
      assert.equal(snapshot("twice.service", "twice.service").split("\n")[0], v1.split("\n")[0]);
      assert.notEqual(v1, before);
    });

    it("a failed first deploy leaves no marker that a later rollback would act on", async () => {
      const f = put(ws, "units/stale.service", "");
      assert.equal((await deployText(host, f, unitText("Stale", "/bin/false"))).outcome, "rolled-back");
      // Someone installs the unit by hand afterwards.
      host.sh(
        "printf '[Service]\\nExecStart=/bin/sleep infinity\\n[Install]\\nWantedBy=multi-user.target\\n' > /etc/systemd/system/stale.service && systemctl daemon-reload && systemctl enable --now stale.service",
      );
      const before = snapshot("stale.service", "stale.service");
      const r = await unitAction(connect(host).transport, "stale.service", "rollback", { scope: "system", sudo: true, where: "test" });
      assert.equal(r.ok, false);
      assert.match(r.message, /no backup/);
      assert.equal(snapshot("stale.service", "stale.service"), before);
      noLeftovers();
    });
  });

  it("defect 7: a unit whose name starts with '-' deploys, and status and logs reach it", async () => {
    const f = put(ws, "units/-dash.service", "");
    const r = await deployText(host, f, unitText("Dash", "/bin/sh -c 'echo dash here; exec sleep infinity'"));
    assert.equal(r.outcome, "deployed", r.message);
    const st = await cli(["status", ...remote(), "--", "-dash.service"], env());
    assert.equal(st.code, 0, st.stderr + st.stdout);
    assert.match(st.stdout, /-dash\.service\s+active/);
    const logs = await cli(["logs", ...remote(), "-n", "5", "--", "-dash.service"], env());
    assert.equal(logs.code, 0, logs.stderr);
    assert.match(logs.stdout, /dash here/);
    const restarted = await unitAction(connect(host).transport, "-dash.service", "restart", { scope: "system", sudo: true, where: "test" });
    assert.ok(restarted.ok, restarted.message);
  });

  it("defect 4: the exact bytes are uploaded; a file that is not UTF-8 is said so", async () => {
    const bytes = Buffer.concat([
      Buffer.from("# caf"),
      Buffer.from([0xe9]),
      Buffer.from(" (Latin-1)\n/var/log/latin1.log {\n  weekly\n  missingok\n}\n"),
    ]);
    const f = put(ws, "logrotate.d/latin1", "");
    writeFileSync(f, bytes);
    const res = await cli(["deploy", f, ...remote(), "--format", "json"], env());
    assert.equal(res.code, 0, res.stdout + res.stderr);
    const out = JSON.parse(res.stdout);
    assert.ok(
      out.lint.some((d: { rule: string; line: number }) => d.rule === "encoding" && d.line === 1),
      res.stdout,
    );
    assert.deepEqual(readFileSync(join(host.root, "etc/logrotate.d/latin1")), bytes);
    // systemd ignores a line that is not UTF-8: an error before anything is sent.
    const u = put(ws, "units/latin1.service", "");
    writeFileSync(
      u,
      Buffer.concat([Buffer.from("[Unit]\nDescription=caf"), Buffer.from([0xe9]), Buffer.from("\n[Service]\nExecStart=/bin/true\n")]),
    );
    const unit = await cli(["deploy", u, ...remote()], env());
    assert.equal(unit.code, 1);
    assert.match(unit.stderr, /:2:1: error: this line is not valid UTF-8/);
    assert.equal(hostFile(host, "etc/systemd/system/latin1.service"), undefined);
  });

  it("defect 6: escape sequences from the host never reach the terminal raw; JSON keeps them", async () => {
    // Written from this machine into the container's root: no shell quoting between us and the bytes.
    writeFileSync(
      join(host.root, "etc/systemd/system/evil.service"),
      "[Unit]\nDescription=evil\x1b]0;pwned\x07 unit\n[Service]\nExecStart=/usr/bin/printf '\\033[2Jcleared\\033[31mred\\n'\nType=oneshot\nRemainAfterExit=yes\n",
    );
    host.sh("systemctl daemon-reload && systemctl start evil.service");
    const logs = await cli(["logs", ...remote(), "-n", "5", "--", "evil.service"], env());
    assert.equal(logs.code, 0, logs.stderr);
    assert.match(logs.stdout, /\\x1b\[2Jcleared/);
    assert.ok(!logs.stdout.includes("\x1b"), "no raw ESC in text output");
    const json = await cli(["logs", ...remote(), "-n", "5", "--format", "json", "--", "evil.service"], env());
    assert.ok(
      json.stdout
        .trim()
        .split("\n")
        .some((l) => JSON.parse(l).message.includes("\x1b[2Jcleared")),
      json.stdout,
    );
    const st = await cli(["status", ...remote(), "--", "evil.service"], env());
    assert.ok(!st.stdout.includes("\x1b") && !st.stdout.includes("\x07"), JSON.stringify(st.stdout));
    assert.match(st.stdout, /evil/);
  });

  describe("defect 8: one clear line and the README's exit status for every failure", () => {
    it("refused host names and users, invalid unit names: exit 2, no stack trace", async () => {
      for (const args of [
        ["status", "a.service", "--host", "bad host!"],
        ["status", "a.service", "--host", "we;ird@host"],
        ["status", "a b.service", ...remote()],
        ["logs", "x'y.service", ...remote()],
      ]) {
        const res = await cli(args, env());
        assert.equal(res.code, 2, `${args.join(" ")}: ${res.stderr}`);
        assert.doesNotMatch(res.stderr, /internal error|at .*\.ts:\d+/);
        assert.equal(res.stderr.trim().split("\n").length, 1, res.stderr);
      }
      const f = put(ws, "units/bad name.service", unitText("x", "/bin/true"));
      const res = await cli(["deploy", f, ...remote()], env());
      assert.equal(res.code, 2, res.stdout + res.stderr);
    });

    it("a read-only /etc directory and an immutable file: exit 1 naming the file and the reason; nothing changes", async () => {
      const f = put(ws, "cron.d/frozen", "* * * * * root true\n");
      assert.equal((await cli(["deploy", f, ...remote()], env())).code, 0);
      writeFileSync(f, "*/2 * * * * root true\n");
      host.sh("mount --bind /etc/cron.d /etc/cron.d && mount -o remount,bind,ro /etc/cron.d");
      try {
        const ro = await cli(["deploy", f, ...remote()], env());
        assert.equal(ro.code, 1, ro.stdout + ro.stderr);
        assert.match(ro.stdout, /\/etc\/cron\.d\/frozen.*Read-only file system/);
      } finally {
        host.sh("umount /etc/cron.d");
      }
      host.sh("chattr +i /etc/cron.d/frozen 2>/dev/null || true");
      const immutable = host.run("lsattr /etc/cron.d/frozen").stdout.includes("i");
      if (immutable) {
        try {
          const res = await cli(["deploy", f, ...remote()], env());
          assert.equal(res.code, 1, res.stdout + res.stderr);
          assert.match(res.stdout, /frozen.*Operation not permitted/);
        } finally {
          host.sh("chattr -i /etc/cron.d/frozen");
        }
      }
      assert.equal(hostFile(host, "etc/cron.d/frozen"), "* * * * * root true\n");
      noLeftovers();
    });
  });

  it("defect 10: rollback respects the host lock; a deploy that cannot get it exits 1, not 3", async () => {
    const f = put(ws, "units/locked.service", "");
    await deployText(host, f, unitText("Locked v1", "/bin/sh -c 'exec sleep infinity'"));
    await deployText(host, f, unitText("Locked v2", "/bin/sh -c 'exec sleep infinity'"));
    host.sh("systemd-run --unit=hold-lock flock /run/etcetera-deploy.lock sleep 30");
    try {
      const c = connect(host);
      await assert.rejects(
        unitAction(c.transport, "locked.service", "rollback", { scope: "system", sudo: true, where: "test", lockWaitSeconds: 1 }),
        (e: Error & { code?: string }) => e.code === "locked",
      );
      assert.equal(show("locked.service", "Description"), "Locked v2");
      const r = await deploy({
        file: f,
        text: unitText("Locked v3", "/bin/true"),
        host: c.host,
        transport: c.transport,
        settings: defaultSettings,
        lockWaitSeconds: 1,
        waitSeconds: 1,
      });
      assert.equal(r.outcome, "failed");
      assert.equal(r.errorCode, "locked");
      const { exitCodeFor } = await import("../../server/src/cli/remote-options.js");
      assert.equal(exitCodeFor(r.errorCode), 1);
    } finally {
      host.sh("systemctl stop hold-lock");
    }
    assert.equal(show("locked.service", "Description"), "Locked v2");
  });

  it("defect 9: a cron.d line with a user and no command is rejected by the host check", async () => {
    const f = put(ws, "cron.d/nocommand", "");
    const r = await deployText(host, f, "*/5 * * * * root\n", { force: true });
    assert.equal(r.outcome, "rejected", r.message);
    assert.match(r.verifyOutput.join("\n"), /no command/);
    assert.equal(hostFile(host, "etc/cron.d/nocommand"), undefined);
  });
});
