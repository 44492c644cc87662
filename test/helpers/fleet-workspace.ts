/**
 * A fleet's configuration repository, generated: one directory per host
 * (`hosts/host-0001/etc/systemd/system/`) with services, their timers and
 * sockets, mounts, drop-in directories (`app.service.d/10-limits.conf`),
 * `*.wants/` links to the units, and the odd file that is not systemd's
 * (README.md, an inventory), plus shared role templates. Deterministic: the
 * same options write the same tree, byte for byte.
 *
 * Service and socket bodies come from `bodies` when given (units of the Debian
 * corpus, for the bench), from small templates otherwise (protocol tests).
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface FleetOptions {
  /** How many unit files and drop-ins to write (links and non-systemd files come on top). */
  files: number;
  /** Real unit texts to use as service/socket bodies, picked in turn. */
  bodies?: { service: readonly string[]; socket: readonly string[] };
  seed?: number;
}

export interface Fleet {
  /** Unit files and drop-ins written. */
  files: number;
  dropIns: number;
  links: number;
  directories: number;
  bytes: number;
  /** A service of the first host with a drop-in and a timer: what a test opens. */
  service: string;
  timer: string;
  dropIn: string;
}

/** A small deterministic generator (mulberry32): the same seed, the same fleet. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const roles = ["web", "db", "cache", "queue", "metrics", "backup", "batch", "proxy"];
const calendars = ["daily", "hourly", "*-*-* 03:15:00", "Mon..Fri 07:00", "weekly", "*:0/15", "Sat *-*-1..7 04:00:00"];

const serviceTemplate = (name: string, role: string, n: number) =>
  `[Unit]
Description=${role} worker ${n} (${name})
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
User=${role}
ExecStart=/usr/local/bin/${role}-worker --instance ${n}
Restart=on-failure
RestartSec=5s

[Install]
WantedBy=multi-user.target
`;

const socketTemplate = (name: string, port: number) =>
  `[Unit]
Description=Socket of ${name}

[Socket]
ListenStream=${port}
Accept=no

[Install]
WantedBy=sockets.target
`;

const timerTemplate = (service: string, calendar: string) =>
  `[Unit]
Description=Runs ${service}

[Timer]
OnCalendar=${calendar}
Persistent=true
Unit=${service}

[Install]
WantedBy=timers.target
`;

const mountTemplate = (where: string) =>
  `[Unit]
Description=Data volume ${where}

[Mount]
What=/dev/disk/by-label/${where.replace(/\//g, "-").slice(1)}
Where=${where}
Type=ext4
Options=noatime

[Install]
WantedBy=local-fs.target
`;

const dropInTemplates = [
  (n: number) => `[Service]\nLimitNOFILE=${1024 * (1 + (n % 64))}\nMemoryMax=${256 + (n % 8) * 128}M\n`,
  (n: number) => `[Service]\nEnvironment=INSTANCE=${n} LOG_LEVEL=info\nEnvironmentFile=-/etc/default/app-${n}\n`,
  (n: number) => `[Unit]\nAfter=local-fs.target\n\n[Service]\nNice=${n % 10}\nProtectSystem=full\nPrivateTmp=yes\n`,
];

/** Writes the fleet under `root` (which must exist). */
export function writeFleetWorkspace(root: string, options: FleetOptions): Fleet {
  const rnd = random(options.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const fleet: Fleet = { files: 0, dropIns: 0, links: 0, directories: 0, bytes: 0, service: "", timer: "", dropIn: "" };
  let bodyAt = 0;
  const write = (path: string, text: string) => {
    writeFileSync(path, text);
    fleet.files++;
    fleet.bytes += Buffer.byteLength(text);
  };
  const dir = (path: string) => {
    mkdirSync(path, { recursive: true });
    fleet.directories++;
    return path;
  };
  const body = (kind: "service" | "socket", fallback: string) => {
    const texts = options.bodies?.[kind] ?? [];
    return texts.length === 0 ? fallback : (texts[bodyAt++ % texts.length] as string);
  };

  // Shared role templates, as a configuration repository keeps them.
  const rolesDir = dir(join(root, "roles"));
  for (const role of roles) {
    const files = dir(join(rolesDir, role, "files"));
    write(join(files, `${role}@.service`), serviceTemplate(`${role}@.service`, role, 0));
    writeFileSync(join(rolesDir, role, "README.md"), `# ${role}\n\nUnits shipped to every ${role} host.\n`);
  }

  for (let host = 1; fleet.files < options.files; host++) {
    const hostDir = join(root, "hosts", `host-${String(host).padStart(4, "0")}`);
    const unitDir = dir(join(hostDir, "etc", "systemd", "system"));
    writeFileSync(join(hostDir, "inventory.ini"), `[${pick(roles)}]\nhost-${host} ansible_host=10.0.${host >> 8}.${host & 255}\n`);
    const wants = new Map<string, string[]>();
    const want = (target: string, unit: string) => wants.set(target, [...(wants.get(target) ?? []), unit]);
    const services = 8 + Math.floor(rnd() * 9);
    for (let i = 0; i < services && fleet.files < options.files; i++) {
      const role = pick(roles);
      const name = `${role}-${i}.service`;
      write(join(unitDir, name), body("service", serviceTemplate(name, role, i)));
      want("multi-user.target", name);
      if (rnd() < 0.4) {
        const timer = name.replace(/\.service$/, ".timer");
        write(join(unitDir, timer), timerTemplate(name, pick(calendars)));
        want("timers.target", timer);
        if (host === 1 && !fleet.timer) fleet.timer = join(unitDir, timer);
      }
      if (rnd() < 0.15) {
        const socket = name.replace(/\.service$/, ".socket");
        write(join(unitDir, socket), body("socket", socketTemplate(socket, 8000 + i)));
        want("sockets.target", socket);
      }
      if (rnd() < 0.5) {
        const dropDir = dir(join(unitDir, `${name}.d`));
        const count = 1 + Math.floor(rnd() * 3);
        for (let d = 0; d < count; d++) {
          const path = join(dropDir, `${10 * (d + 1)}-${["limits", "env", "hardening"][d]}.conf`);
          write(path, (dropInTemplates[d] as (n: number) => string)(host * 100 + i));
          fleet.dropIns++;
          if (host === 1 && !fleet.dropIn) {
            fleet.dropIn = path;
            fleet.service = join(unitDir, name);
          }
        }
      }
    }
    if (rnd() < 0.2 && fleet.files < options.files) {
      const mount = "srv-data.mount";
      write(join(unitDir, mount), mountTemplate("/srv/data"));
      want("local-fs.target", mount);
    }
    for (const [target, units] of wants) {
      const wantsDir = dir(join(unitDir, `${target}.wants`));
      for (const unit of units) {
        symlinkSync(`../${unit}`, join(wantsDir, unit));
        fleet.links++;
      }
    }
  }
  return fleet;
}
