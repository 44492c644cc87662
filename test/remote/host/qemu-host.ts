/**
 * The deploy tests' host as a QEMU guest: the nspawn host's rootfs plus a
 * Debian kernel and udev (build-qemu-image.sh), booted with TCG (no KVM
 * needed) so that `netplan apply` really reconfigures network interfaces.
 * Two NICs on QEMU's user network: eth0 carries the forwarded ssh port
 * (127.0.0.1:PORT → guest 10.0.2.15:22), eth1 (192.168.76.0/24) is free
 * for the tests. The cached disk image is used with snapshot=on: a run never
 * changes it. Host keys and the client key reach the guest on a second disk,
 * a plain tar read at boot. Everything it starts it stops by PID.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { cacheDir, freePort, sleep, Teardown, waitExit, writeSshConfig } from "./test-host.js";

const here = resolve(import.meta.dirname);

export interface QemuHost {
  port: number;
  sshConfig: string;
  alias: string;
  identityFile: string;
  controlDir: string;
  dir: string;
  timings: { buildMs: number; bootMs: number };
  /** Runs a shell command on the guest as root over a new ssh connection; never throws. */
  run(command: string, opts?: { user?: string; timeoutMs?: number }): { code: number; stdout: string; stderr: string };
  /** Like run() but throws unless it exits 0; returns stdout. */
  sh(command: string, user?: string): string;
  /** The guest's serial console so far (boot messages), for failure reports. */
  console(): string;
  stop(): Promise<void>;
}

/** Why the QEMU host cannot start here, or undefined when it can. */
export function qemuSkipReason(): string | undefined {
  if (process.platform !== "linux") return "the QEMU test host needs Linux";
  if (process.getuid?.() !== 0) return "building the QEMU test host's image (debootstrap, chroot) needs root";
  const setup = spawnSync("bash", [join(here, "setup.sh"), "--qemu"], { stdio: ["ignore", "inherit", "inherit"] });
  if (setup.status !== 0) return "the Debian packages of the QEMU test host are missing and could not be installed";
  if (spawnSync("qemu-system-x86_64", ["--version"], { stdio: "ignore" }).status !== 0) return "qemu-system-x86_64 is not installed";
  return undefined;
}

export async function startQemuHost(label: string, bootTimeoutMs = 900_000): Promise<QemuHost> {
  const t0 = Date.now();
  const build = spawnSync("bash", [join(here, "build-qemu-image.sh"), cacheDir], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (build.status !== 0) throw new Error("QEMU test host: building the disk image failed (see above)");
  const image = build.stdout.trim().split("\n").pop() as string;
  const buildMs = Date.now() - t0;

  const teardown = new Teardown();
  const dir = mkdtempSync(join(cacheDir, `run-qemu-${label}-`));
  teardown.add("directory", () => rmSync(dir, { recursive: true, force: true }));
  let qemuPid: number | undefined;
  const emergency = () => {
    if (qemuPid) spawnSync("kill", ["-KILL", String(qemuPid)]);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", emergency);
  teardown.add("exit handler", () => {
    process.removeListener("exit", emergency);
  });
  try {
    // The seed: fresh host keys (pinned for our client) and one client key for every test user.
    const keys = join(dir, "keys");
    mkdirSync(join(keys, "etc/ssh"), { recursive: true });
    spawnSync("ssh-keygen", ["-A", "-f", keys], { stdio: "ignore" });
    const seed = join(dir, "seed");
    mkdirSync(seed);
    for (const t of ["rsa", "ecdsa", "ed25519"])
      for (const ext of ["", ".pub"]) {
        const from = join(keys, `etc/ssh/ssh_host_${t}_key${ext}`);
        if (existsSync(from)) writeFileSync(join(seed, `ssh_host_${t}_key${ext}`), readFileSync(from));
      }
    const identityFile = join(dir, "client key");
    const kg = spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "etcetera-test", "-f", identityFile]);
    if (kg.status !== 0) throw new Error(`QEMU test host: ssh-keygen failed: ${kg.stderr}`);
    writeFileSync(join(seed, "authorized_keys"), readFileSync(`${identityFile}.pub`));
    const seedTar = join(dir, "seed.tar");
    const tar = spawnSync("tar", ["-C", seed, "-cf", seedTar, "."]);
    if (tar.status !== 0) throw new Error(`QEMU test host: tar failed: ${tar.stderr}`);
    const hostKey = readFileSync(join(seed, "ssh_host_ed25519_key.pub"), "utf8").split(" ").slice(0, 2).join(" ");
    const knownHosts = join(dir, "known hosts");
    writeFileSync(knownHosts, `etcetera-qemu ${hostKey}\n`);
    const controlDir = mkdtempSync("/tmp/etcetera-ctl-");
    teardown.add("control sockets", () => rmSync(controlDir, { recursive: true, force: true }));

    const port = await freePort();
    const consoleLog = join(dir, "console.log");
    const t1 = Date.now();
    const kvm = process.env.ETCETERA_QEMU_ACCEL ?? "tcg";
    const qemu = spawn(
      "qemu-system-x86_64",
      [
        ...["-accel", kvm, "-cpu", "max", "-smp", "1", "-m", "1024"],
        ...["-nodefaults", "-no-user-config", "-display", "none", "-monitor", "none", "-serial", `file:${consoleLog}`],
        ...["-kernel", join(image, "vmlinuz"), "-initrd", join(image, "initrd.img")],
        // quiet: every character on the serial console costs the emulator time.
        ...["-append", "root=/dev/vda rw console=ttyS0 net.ifnames=0 quiet systemd.show_status=false"],
        ...["-drive", `file=${join(image, "disk.img")},format=raw,if=virtio,snapshot=on`],
        ...["-drive", `file=${seedTar},format=raw,if=virtio,readonly=on`],
        ...["-netdev", `user,id=mgmt,restrict=on,hostfwd=tcp:127.0.0.1:${port}-:22`],
        ...["-device", "virtio-net-pci,netdev=mgmt,mac=52:54:00:e7:c0:01"],
        ...["-netdev", "user,id=lan,restrict=on,net=192.168.76.0/24"],
        ...["-device", "virtio-net-pci,netdev=lan,mac=52:54:00:e7:c0:02"],
      ],
      { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, TMPDIR: dir } },
    );
    qemuPid = qemu.pid;
    let qemuErr = "";
    qemu.stderr?.on("data", (c) => {
      qemuErr += c;
    });

    const alias = "etcetera-qemu";
    const sshConfig = writeSshConfig(dir, { alias, port, identityFile, knownHosts });
    const readConsole = () => (existsSync(consoleLog) ? readFileSync(consoleLog, "utf8") : "");
    const run: QemuHost["run"] = (command, opts = {}) => {
      const r = spawnSync(
        "ssh",
        ["-F", sshConfig, "-o", "BatchMode=yes", "-o", "ConnectTimeout=90", "-l", opts.user ?? "root", alias, command],
        { encoding: "utf8", timeout: opts.timeoutMs ?? 180_000 },
      );
      return { code: r.status ?? 255, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
    };
    teardown.add("qemu", async () => {
      // A clean poweroff first (the image is a snapshot: nothing to keep, but the guest ends its own way).
      if (qemu.exitCode === null) {
        spawn("ssh", ["-F", sshConfig, "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", alias, "systemctl poweroff"], {
          stdio: "ignore",
        });
        if (!(await waitExit(qemu, 60_000))) {
          qemu.kill("SIGTERM");
          if (!(await waitExit(qemu, 10_000))) {
            qemu.kill("SIGKILL");
            await waitExit(qemu, 5000);
          }
        }
      }
    });

    let state = "";
    while (Date.now() - t1 < bootTimeoutMs) {
      if (qemu.exitCode !== null)
        throw new Error(`QEMU test host: qemu exited (${qemu.exitCode}): ${qemuErr}\n${readConsole().slice(-3000)}`);
      const r = run("systemctl is-system-running --wait", { timeoutMs: 600_000 });
      state = r.stdout.trim();
      if (r.code !== 255) break;
      await sleep(1000);
    }
    if (state !== "running" && state !== "degraded") {
      const failed = run("systemctl --failed --no-legend").stdout;
      throw new Error(`QEMU test host: boot ended '${state || "unreachable"}' ${failed}\n${readConsole().slice(-3000)}`);
    }
    const bootMs = Date.now() - t1;
    return {
      port,
      sshConfig,
      alias,
      identityFile,
      controlDir,
      dir,
      timings: { buildMs, bootMs },
      run,
      sh: (command, user) => {
        // A loaded TCG guest may miss a login now and then: ssh's own failure (255) is tried again.
        let r = run(command, { user });
        for (let i = 0; i < 2 && r.code === 255; i++) r = run(command, { user });
        if (r.code !== 0) throw new Error(`on the QEMU guest: '${command}' exited ${r.code}: ${r.stderr}${r.stdout}`);
        return r.stdout;
      },
      console: readConsole,
      stop: async () => {
        spawnSync("sh", ["-c", `for s in "$1"/*; do [ -S "$s" ] && ssh -o ControlPath="$s" -O exit x; done; true`, "sh", controlDir], {
          stdio: "ignore",
        });
        await teardown.run();
      },
    };
  } catch (e) {
    await teardown.run().catch(() => {});
    throw e;
  }
}
