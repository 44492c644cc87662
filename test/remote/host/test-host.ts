/**
 * A real systemd host for the deploy tests: Debian bookworm booted with
 * systemd-nspawn in a network namespace of its own, reachable over SSH on
 * 127.0.0.1 through socat (recipe: ../shared/notes-systemd-test-host.md).
 * Everything it starts it stops again by PID; everything it creates it removes.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

const here = resolve(import.meta.dirname);
export const cacheDir = resolve(here, "../../../.cache/remote-host");

export interface TestHost {
  port: number;
  /** The ssh config to pass as --ssh-config: Host etcetera-test, pinned host key, our client key. */
  sshConfig: string;
  /** The ssh alias of the host in sshConfig. */
  alias: string;
  identityFile: string;
  /** The container's root directory on this machine: tests read the host's files here. */
  root: string;
  /** The directory for ssh control sockets of this host's clients. */
  controlDir: string;
  dir: string;
  timings: { unpackMs: number; bootMs: number; buildMs: number };
  /** Runs a shell command on the host as root over ssh; returns stdout, throws on failure. */
  sh(command: string, user?: string): string;
  /** Like sh() but never throws. */
  run(command: string, user?: string): { code: number; stdout: string; stderr: string };
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? ok(addr.port) : fail(new Error("no port"))));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function must(cmd: string, args: string[], what: string): string {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`test host: ${what} failed (${cmd} ${args.join(" ")}): ${r.stderr || r.stdout || r.error?.message}`);
  return r.stdout;
}

/** Processes and resources to undo, in reverse order, also from an exit handler. */
export class Teardown {
  private steps: { name: string; undo: () => void | Promise<void> }[] = [];
  add(name: string, undo: () => void | Promise<void>) {
    this.steps.push({ name, undo });
  }
  async run(): Promise<void> {
    const errors: string[] = [];
    for (const s of this.steps.reverse()) {
      const t = Date.now();
      try {
        await s.undo();
        if (process.env.ETCETERA_TEST_HOST_DEBUG) console.error(`test host teardown: ${s.name} ${Date.now() - t} ms`);
      } catch (e) {
        errors.push(`${s.name}: ${(e as Error).message}`);
      }
    }
    this.steps = [];
    if (errors.length) throw new Error(`test host teardown: ${errors.join("; ")}`);
  }
}

export function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((ok) => {
    const t = setTimeout(() => ok(false), ms);
    child.once("exit", () => {
      clearTimeout(t);
      ok(true);
    });
  });
}

/** Kills what is left in our cgroup (only the guest's processes are there), then removes it, children first. */
function removeCgroup(dir: string): void {
  if (!existsSync(dir)) return;
  const script = `for i in 1 2 3 4 5 6 7 8 9 10; do
  p=$(find "$1" -name cgroup.procs -exec cat {} + 2>/dev/null)
  [ -z "$p" ] && break
  kill -KILL $p 2>/dev/null; sleep 0.2
done
find "$1" -depth -type d -exec rmdir {} \\; 2>/dev/null; [ ! -d "$1" ]`;
  const r = spawnSync("sh", ["-c", script, "sh", dir], { stdio: "ignore" });
  if (r.status !== 0) throw new Error(`could not remove cgroup ${dir}`);
}

export async function startTestHost(label: string): Promise<TestHost> {
  const setup = spawnSync("bash", [join(here, "setup.sh")], { stdio: ["ignore", "inherit", "inherit"] });
  if (setup.status !== 0) throw new Error("test host: the Debian packages it needs are missing and could not be installed (see above)");
  if (process.getuid?.() !== 0) throw new Error("test host: systemd-nspawn and network namespaces need root; run the remote tests as root");

  const t0 = Date.now();
  const build = spawnSync("bash", [join(here, "build-rootfs.sh"), cacheDir], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (build.status !== 0) throw new Error("test host: building the Debian rootfs failed (see above)");
  const tarball = build.stdout.trim().split("\n").pop() as string;
  const buildMs = Date.now() - t0;

  const teardown = new Teardown();
  const id = `etc-${label}-${process.pid}`.slice(0, 30);
  const dir = mkdtempSync(join(cacheDir, `run-${label}-`));
  // rm(1): much faster than rmSync on a rootfs, and it never crosses into a mount.
  const removeDir = () => void spawnSync("rm", ["-rf", "--one-file-system", dir], { stdio: "ignore" });
  teardown.add("directory", removeDir);
  const cgroups = ["/sys/fs/cgroup/systemd", "/sys/fs/cgroup/unified"].filter(existsSync).map((c) => join(c, id));
  const emergency = () => {
    // Synchronous last resort when the test process exits without stop().
    for (const p of pids) spawnSync("kill", ["-KILL", String(p)]);
    for (const c of cgroups) {
      try {
        removeCgroup(c);
      } catch {}
    }
    spawnSync("ip", ["netns", "del", id]);
    spawnSync("umount", ["-l", join(dir, "root")], { stdio: "ignore" });
    removeDir();
  };
  const pids: number[] = [];
  process.once("exit", emergency);
  teardown.add("exit handler", () => {
    process.removeListener("exit", emergency);
  });
  try {
    const root = join(dir, "root");
    mkdirSync(root);
    // The rootfs lives in memory: unpacking is quicker, and removing it is one umount.
    must("mount", ["-t", "tmpfs", "-o", "size=2g,mode=0755", "etcetera-test-host", root], "mounting a tmpfs for the rootfs");
    teardown.add("rootfs tmpfs", () => void must("umount", [root], "unmounting the rootfs"));
    const t1 = Date.now();
    must("tar", ["--zstd", "-xf", tarball, "-C", root, "--numeric-owner", "--xattrs"], "unpacking the rootfs");
    const unpackMs = Date.now() - t1;

    // Fresh host keys, pinned for our client; one client key for every test user.
    must("ssh-keygen", ["-A", "-f", root], "making host keys");
    const identityFile = join(dir, "client key");
    must("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "etcetera-test", "-f", identityFile], "making the client key");
    const pub = readFileSync(`${identityFile}.pub`, "utf8");
    const passwd = readFileSync(join(root, "etc/passwd"), "utf8").split("\n");
    for (const user of ["root", "deployer", "plain", "nosudo"]) {
      const f = passwd.find((l) => l.startsWith(`${user}:`))?.split(":");
      if (!f) throw new Error(`test host: no user ${user} in the rootfs`);
      const auth = join(root, f[5] as string, ".ssh/authorized_keys");
      writeFileSync(auth, pub, { mode: 0o600 });
      chownSync(auth, Number(f[2]), Number(f[3]));
    }
    const hostKey = readFileSync(join(root, "etc/ssh/ssh_host_ed25519_key.pub"), "utf8").split(" ").slice(0, 2).join(" ");
    const knownHosts = join(dir, "known hosts");
    writeFileSync(knownHosts, `etcetera-test ${hostKey}\n`);
    // Short: a socket path has at most 108 bytes, and ssh adds 17 to the name while it binds.
    const controlDir = mkdtempSync("/tmp/etcetera-ctl-");
    teardown.add("control sockets", () => rmSync(controlDir, { recursive: true, force: true }));

    must("ip", ["netns", "add", id], "creating the network namespace");
    teardown.add("netns", () => void must("ip", ["netns", "del", id], "removing the network namespace"));
    must("ip", ["netns", "exec", id, "ip", "link", "set", "lo", "up"], "bringing up lo");

    for (const c of cgroups) {
      mkdirSync(c);
      teardown.add(`cgroup ${c}`, () => removeCgroup(c));
    }

    const bootLog = openSync(join(dir, "boot.log"), "w");
    const enter = cgroups.map((c) => `echo $$ > '${c}/cgroup.procs'`).join("; ");
    const t2 = Date.now();
    const nspawn = spawn(
      "sh",
      [
        "-c",
        `${enter}; exec systemd-nspawn --boot --quiet --directory="$1" --machine="$2" --register=no --keep-unit --console=read-only --link-journal=no --resolv-conf=off --timezone=off --capability=CAP_NET_ADMIN --network-namespace-path=/run/netns/$2`,
        "sh",
        root,
        id,
      ],
      { stdio: ["ignore", bootLog, bootLog] },
    );
    if (nspawn.pid) pids.push(nspawn.pid);
    teardown.add("systemd-nspawn", async () => {
      // SIGTERM to nspawn is a clean poweroff of the guest.
      nspawn.kill("SIGTERM");
      if (!(await waitExit(nspawn, 15000))) {
        nspawn.kill("SIGKILL");
        await waitExit(nspawn, 5000);
      }
    });

    const port = await freePort();
    const socat = spawn(
      "socat",
      [`TCP-LISTEN:${port},bind=127.0.0.1,reuseaddr,fork`, `EXEC:nsenter --net=/run/netns/${id} socat STDIO TCP\\:127.0.0.1\\:22`],
      { stdio: "ignore" },
    );
    if (socat.pid) pids.push(socat.pid);
    teardown.add("socat", async () => {
      socat.kill("SIGTERM");
      await waitExit(socat, 5000);
    });

    const alias = "etcetera-test";
    const sshConfig = writeSshConfig(dir, { alias, port, identityFile, knownHosts });
    const run = (command: string, user = "root") => {
      const r = spawnSync("ssh", ["-F", sshConfig, "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "-l", user, alias, command], {
        encoding: "utf8",
        timeout: 60000,
      });
      return { code: r.status ?? 255, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
    };
    // Up when sshd answers and systemd says the boot is finished.
    let state = "";
    for (let i = 0; i < 120; i++) {
      if (nspawn.exitCode !== null)
        throw new Error(
          `test host: systemd-nspawn exited (${nspawn.exitCode}): ${readFileSync(join(dir, "boot.log"), "utf8").slice(-2000)}`,
        );
      const r = run("systemctl is-system-running --wait");
      state = r.stdout.trim();
      if (r.code !== 255) break;
      await sleep(250);
    }
    if (state !== "running" && state !== "degraded") {
      const failed = run("systemctl --failed --no-legend").stdout;
      throw new Error(
        `test host: boot ended '${state || "unreachable"}' ${failed}\n${readFileSync(join(dir, "boot.log"), "utf8").slice(-2000)}`,
      );
    }
    const bootMs = Date.now() - t2;
    const host: TestHost = {
      port,
      sshConfig,
      alias,
      identityFile,
      root,
      controlDir,
      dir,
      timings: { unpackMs, bootMs, buildMs },
      run,
      sh: (command, user) => {
        const r = run(command, user);
        if (r.code !== 0) throw new Error(`on the test host: '${command}' exited ${r.code}: ${r.stderr}${r.stdout}`);
        return r.stdout;
      },
      stop: async () => {
        spawnSync("sh", ["-c", `for s in "$1"/*; do [ -S "$s" ] && ssh -o ControlPath="$s" -O exit x; done; true`, "sh", controlDir], {
          stdio: "ignore",
        });
        await teardown.run();
      },
    };
    return host;
  } catch (e) {
    await teardown.run().catch(() => {});
    throw e;
  }
}

/** The file as the host has it, or undefined when absent. */
export function hostFile(host: TestHost, path: string): string | undefined {
  const p = join(host.root, path);
  return existsSync(p) ? readFileSync(p, "utf8") : undefined;
}

export function stat(host: TestHost, path: string): string {
  return execFileSync("stat", ["-c", "%a %u:%g", join(host.root, path)], { encoding: "utf8" }).trim();
}

/** An ssh_config for one forwarded test host: key-only root login, its host key pinned under `alias`. */
export function writeSshConfig(dir: string, host: { alias: string; port: number; identityFile: string; knownHosts: string }): string {
  const path = join(dir, "ssh config");
  writeFileSync(
    path,
    `Host ${host.alias}
  HostName 127.0.0.1
  Port ${host.port}
  User root
  IdentityFile "${host.identityFile}"
  IdentitiesOnly yes
  UserKnownHostsFile "${host.knownHosts}"
  HostKeyAlias ${host.alias}
  StrictHostKeyChecking yes
  LogLevel ERROR
`,
  );
  return path;
}
