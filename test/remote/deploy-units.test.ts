/**
 * Deploying units to a real systemd host (systemd-nspawn, reached over ssh):
 * services, timers, drop-ins, user units, rollback, the host lock, and a
 * connection killed in the middle.
 */
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { deployScript } from "../../server/src/remote/deploy-script.js";
import { frameScript, type RunOptions, SshTransport, shellLauncher } from "../../server/src/remote/ssh.js";
import { deployTarget } from "../../server/src/remote/targets.js";
import type { DeployStep } from "../../server/src/remote/types.js";
import { connect, deployText, put, Timings, unitText, workspace } from "./helpers.js";
import { hostFile, startTestHost, stat, type TestHost } from "./host/test-host.js";

const timings = new Timings();
let host: TestHost;
let ws: string;

const pid = (unit: string, user = "root", scope = "") => Number(host.sh(`systemctl ${scope} show -p MainPID --value ${unit}`, user).trim());
const active = (unit: string) => host.run(`systemctl is-active ${unit}`).stdout.trim();
/** Files in a directory of the host that a reader could trip over (our staging names). */
const strays = (dir: string) => readdirSync(join(host.root, dir)).filter((f) => f.includes(".etcetera") || /\.\d+$/.test(f));

describe("deploy units to a real systemd host", { timeout: 600_000 }, () => {
  before(async () => {
    host = await timings.time("host start (unpack + boot)", () => startTestHost("units"));
    timings.add("  of which unpack", host.timings.unpackMs);
    timings.add("  of which boot to running", host.timings.bootMs);
    ws = workspace("units");
  });
  after(async () => {
    if (host) await timings.time("host stop", () => host.stop());
    if (ws) rmSync(dirname(ws), { recursive: true, force: true });
    timings.print("deploy units: measured");
  });

  it("deploys a new service: installed 0644 root, enabled, active", async () => {
    const f = put(ws, "units/hello.service", "");
    const r = await timings.time("deploy new service", () =>
      deployText(host, f, unitText("Hello", "/bin/sh -c 'echo hello v1; exec sleep infinity'")),
    );
    assert.equal(r.outcome, "deployed", r.message);
    assert.ok(r.ok);
    assert.equal(r.status?.activeState, "active");
    assert.equal(r.status?.unitFileState, "enabled");
    assert.ok((r.status?.mainPid ?? 0) > 0);
    assert.equal(stat(host, "etc/systemd/system/hello.service"), "644 0:0");
    assert.equal(active("hello.service"), "active");
    assert.deepEqual(strays("etc/systemd/system"), []);
  });

  it("redeploying a changed service restarts it: a new main PID runs the new version", async () => {
    const before = pid("hello.service");
    const f = join(ws, "units/hello.service");
    const r = await timings.time("redeploy changed service", () =>
      deployText(host, f, unitText("Hello", "/bin/sh -c 'echo hello v2; exec sleep infinity'")),
    );
    assert.equal(r.outcome, "deployed", r.message);
    assert.notEqual(r.status?.mainPid, before);
    assert.equal(pid("hello.service"), r.status?.mainPid);
    assert.match(hostFile(host, "etc/systemd/system/hello.service") ?? "", /hello v2/);
    assert.match(host.sh(`ls /var/backups/etcetera/`), /%etc%systemd%system%hello\.service/);
  });

  it("deploying identical content changes nothing", async () => {
    const before = pid("hello.service");
    const mtime = host.sh("stat -c %Y /etc/systemd/system/hello.service");
    const r = await timings.time("deploy identical content", () =>
      deployText(host, join(ws, "units/hello.service"), unitText("Hello", "/bin/sh -c 'echo hello v2; exec sleep infinity'")),
    );
    assert.equal(r.outcome, "unchanged");
    assert.ok(r.ok);
    assert.equal(pid("hello.service"), before);
    assert.equal(host.sh("stat -c %Y /etc/systemd/system/hello.service"), mtime);
  });

  it("a unit that the host's systemd-analyze verify rejects leaves the host unchanged and shows why", async () => {
    const before = hostFile(host, "etc/systemd/system/hello.service");
    const beforePid = pid("hello.service");
    const r = await deployText(host, join(ws, "units/hello.service"), unitText("Hello", "/usr/bin/no-such-program --serve"));
    assert.equal(r.outcome, "rejected");
    assert.equal(r.ok, false);
    assert.match(r.verifyOutput.join("\n"), /no-such-program.*(not executable|No such file)/);
    assert.equal(hostFile(host, "etc/systemd/system/hello.service"), before);
    assert.equal(pid("hello.service"), beforePid);
  });

  it("local lint errors stop the deploy before anything is sent, unless forced", async () => {
    const f = join(ws, "units/hello.service");
    const bad = unitText("Hello", "/bin/sh -c 'exec sleep infinity'", "Restart=sometimes\n");
    const r = await deployText(host, f, bad);
    assert.equal(r.outcome, "lint-errors");
    assert.ok(r.lint.some((d) => d.rule === "systemd/invalid-value"));
    assert.match(hostFile(host, "etc/systemd/system/hello.service") ?? "", /hello v2/);
    // Forced, the host's own verifier has the last word (it warns and accepts, systemd ignores the value).
    const forced = await deployText(host, f, bad, { force: true });
    assert.notEqual(forced.outcome, "lint-errors");
  });

  it("a service that fails on start is rolled back: the previous version runs again and the journal is shown", async () => {
    const f = join(ws, "units/hello.service");
    await deployText(host, f, unitText("Hello", "/bin/sh -c 'echo hello v3; exec sleep infinity'"));
    const good = hostFile(host, "etc/systemd/system/hello.service");
    const r = await timings.time("failing deploy + rollback", () =>
      deployText(host, f, unitText("Hello", "/bin/sh -c 'echo broken v4 starting; echo cannot open config >&2; exit 3'")),
    );
    assert.equal(r.outcome, "rolled-back", r.message);
    assert.equal(r.ok, false);
    assert.match(r.message, /previous version.*running again/);
    assert.match(r.journal.join("\n"), /broken v4 starting/);
    assert.match(r.journal.join("\n"), /cannot open config/);
    assert.equal(hostFile(host, "etc/systemd/system/hello.service"), good);
    assert.equal(active("hello.service"), "active");
    assert.match(host.sh("journalctl -u hello.service -n 3 --no-pager -o cat"), /hello v3/);
    assert.deepEqual(strays("etc/systemd/system"), []);
  });

  it("a failing first deploy leaves no unit behind", async () => {
    const f = put(ws, "units/crashy.service", "");
    const r = await deployText(host, f, unitText("Crashy", "/bin/false"));
    assert.equal(r.outcome, "rolled-back");
    assert.equal(hostFile(host, "etc/systemd/system/crashy.service"), undefined);
    assert.equal(host.run("systemctl is-enabled crashy.service").stdout.trim(), "");
  });

  it("a timer: the first deploy enables and starts it; redeploying its service does not run the job", async () => {
    const svc = put(ws, "units/tick.service", "");
    const timer = put(ws, "units/tick.timer", "");
    const job = "[Unit]\nDescription=Tick\n\n[Service]\nType=oneshot\nExecStart=/bin/sh -c 'echo tick >> /var/tmp/ticks'\n";
    await deployText(host, svc, job);
    host.sh("rm -f /var/tmp/ticks");
    const r = await timings.time("deploy timer", () =>
      deployText(host, timer, "[Unit]\nDescription=Tick timer\n\n[Timer]\nOnCalendar=hourly\n\n[Install]\nWantedBy=timers.target\n"),
    );
    assert.equal(r.outcome, "deployed", r.message);
    assert.equal(r.status?.activeState, "active");
    assert.equal(r.status?.subState, "waiting");
    assert.equal(host.sh("systemctl is-enabled tick.timer").trim(), "enabled");
    const again = await deployText(host, svc, job.replace("echo tick", "echo tock"));
    assert.equal(again.outcome, "deployed", again.message);
    assert.equal(host.run("cat /var/tmp/ticks").code, 1, "the job must not run on deploy");
    // A changed timer restarts the timer itself.
    const r2 = await deployText(
      host,
      timer,
      "[Unit]\nDescription=Tick timer\n\n[Timer]\nOnCalendar=daily\n\n[Install]\nWantedBy=timers.target\n",
    );
    assert.equal(r2.outcome, "deployed");
    assert.match(host.sh("systemctl show -p TimersCalendar --value tick.timer"), /daily|00:00:00/);
  });

  it("a drop-in is verified with its unit, installed in UNIT.d, and restarts that unit", async () => {
    const before = pid("hello.service");
    const f = put(ws, "units/hello.service.d/env.conf", "");
    const r = await timings.time("deploy drop-in", () => deployText(host, f, "[Service]\nEnvironment=GREETING=hi-from-drop-in\n"));
    assert.equal(r.outcome, "deployed", r.message);
    assert.equal(r.unit, "hello.service");
    assert.notEqual(pid("hello.service"), before);
    assert.match(host.sh("systemctl show -p Environment --value hello.service"), /GREETING=hi-from-drop-in/);
    assert.equal(stat(host, "etc/systemd/system/hello.service.d/env.conf"), "644 0:0");
    const rejected = await deployText(host, f, "[Service]\nExecStartPre=/usr/bin/no-such-program\n", { force: true });
    assert.equal(rejected.outcome, "rejected");
    assert.match(hostFile(host, "etc/systemd/system/hello.service.d/env.conf") ?? "", /hi-from-drop-in/);
  });

  it("a user unit goes to ~/.config/systemd/user and runs in the user's own manager", async () => {
    const f = put(ws, "user/notes.service", "");
    const r = await deployText(
      host,
      f,
      unitText("Notes", "/bin/sh -c 'echo user unit; exec sleep infinity'").replace("multi-user", "default"),
      {
        user: "deployer",
        scope: "user",
      },
    );
    assert.equal(r.outcome, "deployed", r.message);
    assert.equal(r.remotePath, "~/.config/systemd/user/notes.service");
    assert.equal(stat(host, "home/deployer/.config/systemd/user/notes.service"), "644 1000:1000");
    assert.equal(host.sh("systemctl --user is-active notes.service", "deployer").trim(), "active");
  });

  it("local paths with spaces and quotes deploy; a file name systemd would refuse is refused before connecting", async () => {
    assert.match(ws, /it's "quoted"/);
    const f = put(ws, "my units/quoted.service", "");
    const r = await deployText(host, f, unitText('Quoted\'s "name"', "/bin/sh -c 'exec sleep infinity'"));
    assert.equal(r.outcome, "deployed", r.message);
    assert.equal(host.sh("systemctl show -p Description --value quoted.service").trim(), `Quoted's "name"`);
    for (const name of ["my app.service", "it's.service", "$(touch x).service", "a;b.service"]) {
      const bad = await deployText(host, put(ws, `units/${name}`, ""), unitText("x", "/bin/true"));
      assert.equal(bad.outcome, "failed");
      assert.equal(bad.errorCode, "invalid-name", bad.message);
    }
    assert.equal(host.run("ls /x /root/x").code, 2);
  });

  it("two concurrent deploys to one host never interleave", async () => {
    const a = put(ws, "units/con-a.service", "");
    const b = put(ws, "units/con-b.service", "");
    const steps: string[] = [];
    const [ra, rb] = await timings.time("two concurrent deploys", () =>
      Promise.all([
        deployText(host, a, unitText("A", "/bin/sh -c 'exec sleep infinity'"), { onProgress: (p) => steps.push(`a:${p.step}`) }),
        deployText(host, b, unitText("B", "/bin/sh -c 'exec sleep infinity'"), { onProgress: (p) => steps.push(`b:${p.step}`) }),
      ]),
    );
    assert.equal(ra.outcome, "deployed", ra.message);
    assert.equal(rb.outcome, "deployed", rb.message);
    // One waited for the other's lock, and the other finished before the waiter uploaded.
    const waiter = steps.includes("a:lock") ? "a" : "b";
    const other = waiter === "a" ? "b" : "a";
    assert.ok(steps.includes(`${waiter}:lock`), steps.join(" "));
    assert.ok(steps.lastIndexOf(`${other}:health`) < steps.indexOf(`${waiter}:upload`), steps.join(" "));
    // The same file twice at once: the host ends with one of the two, whole.
    const same = put(ws, "units/con-same.service", "");
    const [r1, r2] = await Promise.all([
      deployText(host, same, unitText("One", "/bin/sh -c 'exec sleep infinity'")),
      deployText(host, same, unitText("Two", "/bin/sh -c 'exec sleep infinity'")),
    ]);
    assert.ok(r1.ok && r2.ok, `${r1.message} / ${r2.message}`);
    assert.match(hostFile(host, "etc/systemd/system/con-same.service") ?? "", /^\[Unit\]\nDescription=(One|Two)\n/);
  });

  it("the connection killed in the middle of a deploy leaves the old or the new file, never a partial one", async () => {
    const path = "etc/systemd/system/killme.service";
    const f = put(ws, "units/killme.service", "");
    const old = unitText("Old", "/bin/sh -c 'exec sleep infinity'");
    assert.equal((await deployText(host, f, old)).outcome, "deployed");
    const fresh = (i: number) => unitText(`New ${i}`, "/bin/sh -c 'exec sleep infinity'", `# ${"padding ".repeat(2000)}\n`);
    const seen = new Set<string>();
    const killAt: DeployStep[] = ["upload", "verify", "install", "activate", "health"];
    for (const [i, step] of killAt.entries()) {
      let child: ChildProcess | undefined;
      const c = connect(host);
      const transport = new (class extends SshTransport {
        override run(command: string, opts: RunOptions = {}) {
          const onSpawn = (ch: ChildProcess) => {
            child = ch;
            opts.onSpawn?.(ch);
          };
          return super.run(command, { ...opts, onSpawn });
        }
      })(c.host.target, { reuse: false });
      const text = fresh(i);
      const { deploy } = await import("../../server/src/remote/deploy.js");
      const { defaultSettings } = await import("../../server/src/core/settings.js");
      const r = await deploy({
        file: f,
        text,
        host: c.host,
        transport,
        settings: defaultSettings,
        waitSeconds: 2,
        onProgress: (p) => {
          if (p.step === step) child?.kill("SIGKILL");
        },
      });
      assert.notEqual(r.outcome, "deployed", `killed at ${step}, yet: ${r.message}`);
      // The host finishes (or never starts) the change by itself: wait for its lock.
      host.sh("flock -w 60 /run/etcetera-deploy.lock true");
      const now = hostFile(host, path);
      assert.ok(now === old || now === text || seen.has(now ?? ""), `killed at ${step}: the host has a partial or foreign file`);
      seen.add(now ?? "");
      seen.add(old);
      assert.deepEqual(strays("etc/systemd/system"), [], `stray files after killing at ${step}`);
      if (step === "upload" || step === "verify") assert.equal(now, old, `killed at ${step}: the host must be unchanged`);
      if (step === "activate" || step === "health") assert.equal(now, text, `killed at ${step}: the host completes the change`);
    }
    // A half-sent upload: the script sees fewer bytes than announced and changes nothing.
    const target = deployTarget(f, "system");
    const text = fresh(99);
    const bytes = Buffer.from(text);
    const script = Buffer.from(
      frameScript(
        deployScript(target, {
          content: bytes,
          enableOnFirstDeploy: true,
          waitSeconds: 2,
          lockWaitSeconds: 10,
          netplanConfirmSeconds: 5,
        }),
      ),
    );
    const before = hostFile(host, path);
    const c = connect(host);
    const half = new SshTransport(c.host.target, { reuse: false });
    let child: ChildProcess | undefined;
    const run = half.run(shellLauncher(true), {
      input: script.subarray(0, script.length / 2),
      keepStdinOpen: true,
      onSpawn: (ch) => {
        child = ch;
      },
    });
    await new Promise((r) => setTimeout(r, 1500));
    child?.kill("SIGKILL");
    await run;
    host.sh("flock -w 30 /run/etcetera-deploy.lock true");
    assert.equal(hostFile(host, path), before);
    assert.deepEqual(strays("etc/systemd/system"), []);
    assert.equal(host.run("ls -d /tmp/etcetera.*").code, 2, "nothing of the cut upload stays in /tmp");
  });

  it("cancelling while the host is unchanged leaves it unchanged", async () => {
    const f = join(ws, "units/hello.service");
    const before = hostFile(host, "etc/systemd/system/hello.service");
    const abort = new AbortController();
    const r = await deployText(host, f, unitText("Hello", "/bin/sh -c 'echo cancelled; exec sleep infinity'"), {
      signal: abort.signal,
      onProgress: (p) => {
        if (p.step === "verify") abort.abort();
      },
    });
    assert.equal(r.outcome, "cancelled", r.message);
    assert.equal(hostFile(host, "etc/systemd/system/hello.service"), before);
  });
});
