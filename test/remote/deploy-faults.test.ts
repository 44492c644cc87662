/**
 * Fault injection on the real systemd test host: the client killed at every
 * step of a deploy of a broken version, and a crash-looping old version.
 * Afterwards the host must be exactly on the old version — file bytes,
 * symlinks, enablement, running state — with nothing left in /tmp or staging.
 */
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { after, before, describe, it } from "node:test";
import { defaultSettings } from "../../server/src/core/settings.js";
import { deploy } from "../../server/src/remote/deploy.js";
import { type RunOptions, SshTransport } from "../../server/src/remote/ssh.js";
import type { DeployStep } from "../../server/src/remote/types.js";
import { connect, deployText, put, Timings, unitText, workspace } from "./helpers.js";
import { startTestHost, type TestHost } from "./host/test-host.js";

const timings = new Timings();
let host: TestHost;
let ws: string;

/** The file (bytes or symlink), every link to the unit, its enablement and its state. */
function snapshot(unit: string): string {
  return host.sh(
    `cd /etc/systemd/system; if [ -L ${unit} ]; then echo "link $(readlink ${unit})"; elif [ -f ${unit} ]; then sha256sum < ${unit}; else echo absent; fi
     find /etc/systemd/system -type l -name ${unit} -printf '%p -> %l\\n' | sort
     systemctl is-enabled -- ${unit} || :; systemctl show -p ActiveState -p FragmentPath -p Description -- ${unit}`,
  );
}
const settle = () => host.sh("flock -w 60 /run/etcetera-deploy.lock true");
const leftovers = () =>
  host
    .run("ls -d /tmp/etcetera.* /etc/.etcetera-staging /etc/systemd/.etcetera-staging /var/backups/etcetera/*.new 2>/dev/null")
    .stdout.trim();

describe("fault injection on a real systemd host", { timeout: 900_000 }, () => {
  before(async () => {
    host = await timings.time("host start (unpack + boot)", () => startTestHost("faults"));
    ws = workspace("faults");
  });
  after(async () => {
    if (host) await timings.time("host stop", () => host.stop());
    if (ws) rmSync(dirname(ws), { recursive: true, force: true });
    timings.print("deploy faults: measured");
  });

  it("the client killed at every step of a broken deploy: the host ends exactly on the old version by itself", async () => {
    const f = put(ws, "units/victim.service", "");
    assert.equal((await deployText(host, f, unitText("Victim v1", "/bin/sh -c 'exec sleep infinity'"))).outcome, "deployed");
    const before = snapshot("victim.service");
    const steps: DeployStep[] = ["upload", "verify", "backup", "install", "activate", "health", "rollback"];
    for (const step of steps) {
      let child: ChildProcess | undefined;
      const c = connect(host);
      const transport = new (class extends SshTransport {
        override run(command: string, opts: RunOptions = {}) {
          return super.run(command, {
            ...opts,
            onSpawn: (ch) => {
              child = ch;
              opts.onSpawn?.(ch);
            },
          });
        }
      })(c.host.target, { reuse: false });
      let killed = false;
      const r = await timings.time(`killed at ${step}`, () =>
        deploy({
          file: f,
          text: unitText(`Victim broken at ${step}`, "/bin/sh -c 'sleep 1; exit 3'"),
          host: c.host,
          transport,
          settings: defaultSettings,
          waitSeconds: 3,
          onProgress: (p) => {
            if (p.step === step && !killed) {
              killed = true;
              child?.kill("SIGKILL");
            }
          },
        }),
      );
      assert.ok(killed, `step ${step} was never reported`);
      assert.notEqual(r.outcome, "deployed", `killed at ${step}, yet: ${r.message}`);
      settle();
      assert.equal(snapshot("victim.service"), before, `killed at ${step}: the host is not exactly on the old version`);
      assert.equal(leftovers(), "", `killed at ${step}: leftovers`);
    }
  });

  it("a crash-looping old version: a broken deploy puts the same file, links and enablement back", async () => {
    const f = put(ws, "units/looper.service", "");
    const looping = unitText("Looper v1", "/bin/sh -c 'sleep 0.5; exit 1'", "Restart=always\nRestartSec=1\n");
    host.sh(
      `cat > /etc/systemd/system/looper.service <<'EOF'\n${looping}EOF\nsystemctl daemon-reload && systemctl enable --now looper.service || true`,
    );
    const before = snapshot("looper.service").replace(/ActiveState=.*/, "");
    const r = await deployText(host, f, unitText("Looper v2", "/bin/false"), { wait: 2 });
    assert.notEqual(r.outcome, "deployed", r.message);
    settle();
    assert.equal(snapshot("looper.service").replace(/ActiveState=.*/, ""), before);
    assert.match(host.run("systemctl is-active looper.service").stdout, /activating|active|failed/);
    assert.equal(leftovers(), "");
  });

  it("a full filesystem under /etc/logrotate.d: exit 1 naming the cause, the old file stays, no staging left", async () => {
    const f = put(ws, "logrotate.d/full-app", "");
    const v1 = "/var/log/full-app.log {\n  weekly\n  missingok\n}\n";
    assert.equal((await deployText(host, f, v1)).outcome, "deployed");
    host.sh(
      "rm -rf /root/lr-copy && cp -a /etc/logrotate.d /root/lr-copy && mount -t tmpfs -o size=64k etcetera-full /etc/logrotate.d && cp -a /root/lr-copy/. /etc/logrotate.d/ && { dd if=/dev/zero of=/etc/logrotate.d/.filler bs=4k 2>/dev/null; true; }",
    );
    try {
      const r = await deployText(host, f, `${v1}# version 2\n`);
      assert.equal(r.outcome, "failed", r.message);
      assert.match(r.message, /\/etc\/logrotate\.d\/full-app.*No space left on device/);
      const { exitCodeFor } = await import("../../server/src/cli/remote-options.js");
      assert.equal(exitCodeFor(r.errorCode), 1);
      assert.equal(host.sh("cat /etc/logrotate.d/full-app"), v1);
      assert.equal(host.sh("ls -A /etc/logrotate.d | grep etcetera || true").trim(), "");
    } finally {
      host.sh("umount /etc/logrotate.d && rm -rf /root/lr-copy");
    }
    assert.equal(leftovers(), "");
  });
});
