/**
 * Deploying netplan files to a QEMU guest, where `netplan apply` really
 * reconfigures the NICs (the nspawn host has no udev). One boot per suite.
 * Needs root (to build the image) and qemu-system-x86_64; skips otherwise.
 *
 * Time: the boot is about 25 s with TCG on an idle machine and several minutes
 * on a loaded one; each netplan apply on the guest takes seconds to a minute
 * or more under load. The cut case waits for the whole confirmation window plus
 * the revert. The suite's own limit is 40 minutes; the measured times are printed.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { deployText, put, Timings, workspace } from "./helpers.js";
import { type QemuHost, qemuSkipReason, startQemuHost } from "./host/qemu-host.js";

const skip = qemuSkipReason();
let host: QemuHost;
const timings = new Timings();
const ws = workspace("netplan-qemu");
/** Long enough for a new SSH login to a loaded TCG guest; the cut case waits for all of it. */
const confirmSeconds = 90;
/** A loaded TCG guest can take tens of seconds to send its ssh banner. */
const slow = { netplanConfirmSeconds: confirmSeconds, netplanRevertWaitSeconds: 600, connectTimeoutSeconds: 90 };
const addrs = (dev: string) => host.sh(`ip -4 -o addr show dev ${dev} | awk '{print $4}'`).trim();
const mgmtYaml = "network:\n  version: 2\n  renderer: networkd\n  ethernets:\n    eth0:\n      dhcp4: true\n";

describe("netplan deploy with an automatic revert, on a QEMU guest", { skip, timeout: 40 * 60_000 }, () => {
  before(async () => {
    const t = Date.now();
    host = await startQemuHost("netplan");
    timings.add("image build (cached after the first run)", host.timings.buildMs);
    timings.add("boot to ssh + systemd running", host.timings.bootMs);
    timings.add("start total", Date.now() - t);
    assert.equal(host.sh("cat /etc/netplan/01-mgmt.yaml"), mgmtYaml);
    assert.equal(addrs("eth0"), "10.0.2.15/24");
  });
  after(async () => {
    await host?.stop();
    timings.print("netplan on QEMU");
  });

  it("a good change is applied, confirmed over a new connection, and in effect", async () => {
    const f = put(ws, "netplan/60-lan.yaml", "");
    const text = "network:\n  version: 2\n  ethernets:\n    eth1:\n      addresses: [192.168.76.20/24]\n";
    assert.equal(addrs("eth1"), "", "eth1 starts without an address");
    const steps: string[] = [];
    const r = await timings.time("good change: deploy, apply, confirm", () =>
      deployText(host, f, text, { ...slow, onProgress: (p) => steps.push(`${p.step} ${p.message}`) }),
    );
    assert.equal(r.outcome, "deployed", r.message);
    assert.match(r.message, /new SSH connection confirmed it/);
    assert.ok(steps.some((s) => s.startsWith("activate netplan apply")));
    assert.equal(addrs("eth1"), "192.168.76.20/24");
    assert.equal(addrs("eth0"), "10.0.2.15/24", "the ssh NIC is untouched");
    assert.equal(host.sh("stat -c '%a %U' /etc/netplan/60-lan.yaml").trim(), "600 root");
    assert.equal(host.sh("cat /etc/netplan/60-lan.yaml"), text);
    assert.equal(host.sh("cat /run/etcetera/netplan-try/state").trim(), "confirmed");
    // The confirmation stopped the revert: no timer is left, and the backup record is the committed one.
    assert.equal(host.sh("systemctl list-units --all --no-legend 'etcetera-netplan-revert-*.timer'").trim(), "");
    assert.equal(host.sh("cat '/var/backups/etcetera/%etc%netplan%60-lan.yaml.d/prev'").trim(), "absent");
  });

  it("a file netplan generate rejects is refused, and nothing changes", async () => {
    const f = put(ws, "netplan/60-lan.yaml", "");
    const before = host.sh("cat /etc/netplan/60-lan.yaml");
    // Accepted by YAML, refused by netplan: the same interface in a bond and in a bridge.
    const text =
      "network:\n  version: 2\n  ethernets:\n    eth1: {}\n  bonds:\n    bond0:\n      interfaces: [eth1]\n  bridges:\n    br0:\n      interfaces: [eth1]\n";
    const r = await timings.time("rejected change", () => deployText(host, f, text, { force: true, ...slow }));
    assert.equal(r.outcome, "rejected", r.message);
    assert.match(r.verifyOutput.join("\n"), /eth1/);
    assert.equal(host.sh("cat /etc/netplan/60-lan.yaml"), before);
    assert.equal(addrs("eth1"), "192.168.76.20/24");
    assert.equal(host.sh("cat /run/etcetera/netplan-try/state").trim(), "confirmed", "no new pending change was started");
  });

  it("a change that cuts the SSH connection is reverted by the host itself, and the client says so", async () => {
    const f = put(ws, "netplan/01-mgmt.yaml", "");
    // The NIC that carries the forwarded ssh port moves to an address QEMU's user network never reaches.
    const cut =
      "network:\n  version: 2\n  renderer: networkd\n  ethernets:\n    eth0:\n      dhcp4: false\n      addresses: [192.0.2.10/24]\n";
    const started = Date.now();
    const r = await timings.time("cut change: deploy, apply, no confirmation, revert", () => deployText(host, f, cut, slow));
    assert.equal(r.outcome, "rolled-back", r.message);
    assert.match(r.message, /^reverted: no confirmation within 90s: \d+ new SSH connection\(s\) to .* failed after the apply/);
    assert.match(r.message, /the host restored the previous \/etc\/netplan\/01-mgmt\.yaml and applied it by itself/);
    // Reachable again over a new connection, with the old configuration on disk and in effect.
    assert.equal(host.sh("cat /etc/netplan/01-mgmt.yaml"), mgmtYaml);
    assert.equal(addrs("eth0"), "10.0.2.15/24");
    assert.equal(addrs("eth1"), "192.168.76.20/24", "the other file's configuration stays");
    assert.equal(host.sh("cat /run/etcetera/netplan-try/state").trim(), "reverted timeout");
    assert.equal(host.sh("systemctl list-units --all --no-legend 'etcetera-netplan-revert-*.timer'").trim(), "");
    // The host's journal shows when the revert ran, relative to the deploy's start (printed, not asserted).
    timings.add("cut change: deploy start to the end of the checks on the reverted guest", Date.now() - started);
  });
});
