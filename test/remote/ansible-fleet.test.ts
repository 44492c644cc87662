/**
 * Rollouts through the real ansible-playbook (Debian's ansible-core) to three
 * real systemd hosts, one of which fails the new version: the canary and the
 * batches, the rollback on the failing host and the untouched rest, checked
 * on the hosts themselves; then the failure paths (an unreachable host, sudo
 * that asks for a password, Ansible not installed) and the exported role run
 * by ansible-playbook without Etcetera.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { FleetResult } from "../../server/src/remote/ansible/rollout.js";
import { cli, put, Timings, unitText, workspace } from "./helpers.js";
import { hostFile, startTestHost, type TestHost } from "./host/test-host.js";

const notRoot = process.getuid?.() !== 0 ? "needs root: the test hosts are systemd-nspawn containers" : false;
const timings = new Timings();
let hosts: TestHost[] = [];
let ws: string;
let inventory: string;

const unit = "etc-fleet.service";
const v1 = unitText("Fleet app v1", "/bin/sleep infinity");
const v2 = unitText("Fleet app v2", "/usr/local/bin/etc-fleet-app");

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const a = srv.address();
      srv.close(() => ok(typeof a === "object" && a ? a.port : 9));
    });
  });
}

/** The unit as systemd on the host has it: state, description (which version runs), invocation. */
function unitState(h: TestHost): { active: string; description: string; invocation: string; enabled: string } {
  const out = h.sh(`systemctl show -p ActiveState -p Description -p InvocationID -- ${unit}; systemctl is-enabled ${unit} || :`);
  const v = (k: string) => /^(\w+)=(.*)$/m.exec(out.split("\n").find((l) => l.startsWith(`${k}=`)) ?? "")?.[2] ?? "";
  return {
    active: v("ActiveState"),
    description: v("Description"),
    invocation: v("InvocationID"),
    enabled: out.trim().split("\n").pop() ?? "",
  };
}

const ansibleDeploy = (files: string[], group: string, extra: string[] = [], env: Record<string, string> = {}) =>
  cli(["deploy", ...files, "--hosts", group, "--inventory", inventory, "--wait", "2", ...extra], env);

describe("rollouts through ansible-playbook to three real systemd hosts", { timeout: 1_200_000, skip: notRoot }, () => {
  before(async () => {
    const tools = spawnSync("bash", [join(import.meta.dirname, "../../scripts/ensure-test-tools.sh")], { stdio: "inherit" });
    assert.equal(tools.status, 0, "ensure-test-tools.sh failed");
    // Three hosts at once: unpack and boot overlap (the rootfs is built once, under a lock).
    hosts = await timings.time("3 hosts start (in parallel)", () =>
      Promise.all(["fleet1", "fleet2", "fleet3"].map((l) => startTestHost(l))),
    );
    const [h1, h2, h3] = hosts as [TestHost, TestHost, TestHost];
    // The new version's program: it runs on h1 and h3, and on h2 it exits at once (its library is missing there).
    for (const h of [h1, h3])
      h.sh("printf '#!/bin/sh\\nexec sleep infinity\\n' >/usr/local/bin/etc-fleet-app; chmod 755 /usr/local/bin/etc-fleet-app");
    h2.sh(
      "printf '#!/bin/sh\\necho \"etc-fleet-app: libfleet.so.2: cannot open shared object file\" >&2\\nexit 127\\n' >/usr/local/bin/etc-fleet-app; chmod 755 /usr/local/bin/etc-fleet-app",
    );
    ws = workspace("ansible");
    const dead = await freePort();
    // Every test host is "etcetera-test" in its own ssh config: the explicit port keeps Ansible's
    // ssh control sockets (keyed by host, port and user) apart.
    const host = (h: TestHost, user = "root") =>
      `          ansible_host: ${h.alias}\n          ansible_port: ${h.port}\n          ansible_user: ${user}\n          ansible_ssh_common_args: ${JSON.stringify(`-F "${h.sshConfig}"`)}\n`;
    inventory = put(
      ws,
      "inventory.yml",
      `all:
  children:
    fleet:
      hosts:
        h1:
${host(h1)}        h2:
${host(h2)}        h3:
${host(h3)}    broken:
      hosts:
        gone:
          ansible_host: 127.0.0.1
          ansible_port: ${dead}
          ansible_ssh_common_args: "-o BatchMode=yes -o ConnectTimeout=5"
        h3again:
${host(h3)}    password:
      hosts:
        h3plain:
${host(h3, "plain")}`,
    );
  });
  after(async () => {
    await timings.time("3 hosts stop", () => Promise.all(hosts.map((h) => h.stop())));
    if (ws) rmSync(dirname(ws), { recursive: true, force: true });
    timings.print("ansible fleet: measured");
  });

  it("one canary host, then a batch: every host runs the new file, enabled and active", async () => {
    const f = put(ws, `units/${unit}`, v1);
    const r = await timings.time("rollout v1 to 3 hosts (batch 2)", () => ansibleDeploy([f], "fleet", ["--batch", "2"]));
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^deployed: h1 \(canary\)/m);
    assert.match(r.stdout, /^deployed: h2 \(batch 2\)/m);
    assert.match(r.stdout, /^deployed: h3 \(batch 2\)/m);
    assert.match(r.stdout, /^3 deployed$/m);
    for (const h of hosts) {
      assert.equal(hostFile(h, `etc/systemd/system/${unit}`), v1);
      const s = unitState(h);
      assert.deepEqual([s.active, s.description, s.enabled], ["active", "Fleet app v1", "enabled"]);
    }
  });

  it("a version that fails on one host: the canary deploys, that host rolls back, the rollout stops before the rest", async () => {
    const [h1, h2, h3] = hosts as [TestHost, TestHost, TestHost];
    const h3Before = unitState(h3);
    const f = put(ws, `units/${unit}`, v2);
    const r = await timings.time("rollout v2 (batch 1, fails on h2)", () =>
      ansibleDeploy([f], "fleet", ["--batch", "1", "--format", "json"]),
    );
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout) as FleetResult;
    assert.deepEqual(out.batches, [["h1"], ["h2"]]);
    assert.equal(out.stopped, true);
    const by = Object.fromEntries(out.results.map((h) => [h.host, h]));
    assert.deepEqual([by.h1?.status, by.h2?.status, by.h3?.status], ["deployed", "rolled-back", "not-run"]);
    assert.match(by.h2?.message ?? "", /previous version of etc-fleet\.service is running again/);
    assert.ok(
      by.h2?.files[0]?.journal.some((l) => l.includes("libfleet.so.2")),
      JSON.stringify(by.h2?.files[0]?.journal),
    );
    // On the hosts: h1 runs v2; h2 has v1 back and running; h3 was never touched (same file, same invocation).
    assert.equal(hostFile(h1, `etc/systemd/system/${unit}`), v2);
    assert.equal(unitState(h1).description, "Fleet app v2");
    assert.equal(unitState(h1).active, "active");
    assert.equal(hostFile(h2, `etc/systemd/system/${unit}`), v1);
    assert.deepEqual([unitState(h2).active, unitState(h2).description], ["active", "Fleet app v1"]);
    assert.equal(hostFile(h3, `etc/systemd/system/${unit}`), v1);
    assert.deepEqual(unitState(h3), h3Before);
    for (const h of hosts) assert.equal(h.run("ls -d /tmp/etcetera.* /var/backups/etcetera/*.new 2>/dev/null").stdout.trim(), "");
  });

  it("an unreachable canary stops the rollout before the host after it (exit 3)", async () => {
    const h3 = hosts[2] as TestHost;
    const before = unitState(h3);
    const f = put(ws, `units/${unit}`, v2);
    const r = await timings.time("rollout with an unreachable canary", () => ansibleDeploy([f], "broken", ["--batch", "1"]));
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stdout, /^unreachable: gone \(canary\): .*cannot connect/m);
    assert.match(r.stdout, /^not-run: h3again: not reached/m);
    assert.equal(hostFile(h3, `etc/systemd/system/${unit}`), v1);
    assert.deepEqual(unitState(h3), before);
  });

  it("a host where sudo asks for a password: not allowed, said so, nothing changed (exit 3)", async () => {
    const h3 = hosts[2] as TestHost;
    const f = put(ws, `units/${unit}`, v2);
    const r = await timings.time("rollout where sudo wants a password", () => ansibleDeploy([f], "password", ["--format", "json"]));
    assert.equal(r.code, 3, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout) as FleetResult;
    assert.equal(out.results[0]?.status, "not-allowed");
    assert.match(out.results[0]?.message ?? "", /sudo .*password/);
    assert.equal(hostFile(h3, `etc/systemd/system/${unit}`), v1);
    assert.equal(h3.run("ls -d /tmp/etcetera.* 2>/dev/null").stdout.trim(), "");
  });

  it("Ansible not installed: a clear message naming the package, nothing run (exit 2)", async () => {
    const f = put(ws, `units/${unit}`, v2);
    const r = await ansibleDeploy([f], "fleet", [], { PATH: "/nonexistent" });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /ansible-playbook was not found on PATH: .*apt-get install ansible-core/);
  });

  it("the exported role runs with ansible-playbook alone, checks with the host's tools, and names no host", async () => {
    const h3 = hosts[2] as TestHost;
    const cron = put(ws, "export/cron.d/etc-fleet-job", "*/5 * * * * root /bin/true\n");
    const lr = put(ws, "export/logrotate.d/etc-fleet", "/var/log/etc-fleet.log {\n  weekly\n  rotate 4\n  missingok\n}\n");
    const out = join(ws, "role out");
    const e = await cli(["export", "ansible", cron, lr, "--out", out, "--wait", "2"]);
    assert.equal(e.code, 0, e.stdout + e.stderr);
    const play = () =>
      spawnSync("ansible-playbook", ["-i", inventory, join(out, "playbook.yml"), "-e", "etcetera_hosts=h3"], {
        encoding: "utf8",
        env: { ...process.env, ANSIBLE_NOCOLOR: "1" },
      });
    const first = await timings.time("exported role, plain ansible-playbook", async () => play());
    assert.equal(first.status, 0, first.stdout + first.stderr);
    assert.equal(hostFile(h3, "etc/cron.d/etc-fleet-job"), "*/5 * * * * root /bin/true\n");
    assert.equal(hostFile(h3, "etc/logrotate.d/etc-fleet"), readFileSync(lr, "utf8"));
    // The user edits the committed file: a cron line with a user but no command makes cron drop the whole file.
    writeFileSync(join(out, "roles/etcetera_deploy/files/etc/cron.d/etc-fleet-job"), "*/5 * * * * root\n");
    const second = play();
    assert.notEqual(second.status, 0, second.stdout);
    assert.match(second.stdout, /a user and no command/);
    assert.equal(hostFile(h3, "etc/cron.d/etc-fleet-job"), "*/5 * * * * root /bin/true\n");
    // Nothing of the inventory (addresses, ports, users, keys, ssh config) is in the generated tree.
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
    for (const p of walk(out)) {
      const text = readFileSync(p, "utf8");
      for (const secret of ["127.0.0.1", String(h3.port), h3.alias, h3.identityFile, h3.sshConfig, "h3", "plain"])
        assert.ok(!text.includes(secret), `${p} contains ${secret}`);
    }
  });
});
