/**
 * Value variants: for every directive systemd 252 knows, the spellings users
 * really write for its kind of value (case, units, spacing, signs, aliases),
 * each in a unit of its own, so that `systemd-analyze verify` can judge every
 * line on its own. record-value-variants.ts records the verdicts; the
 * differential test compares ours with them.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import raw from "../../server/src/languages/systemd/data/systemd-data.json";
import { escapeRegExp, systemdAnalyze, verifyArgs, verifyEnv } from "./verify-lib.js";

export const expectedValueVariants = "test/fixtures/value-variants/expected.json";

export interface VariantRecording {
  systemd: { version: number; full: string };
  /** Unit file name → what systemd says about the variant's line; variants it says nothing about are absent. */
  findings: Record<string, string[]>;
}

interface Directive {
  section: string;
  name: string;
  parser: string;
  unitTypes: string[];
  status: string;
  inV252: boolean;
  v252Parser?: string;
}
interface Parser {
  parser: string;
  kind: string;
  allowed: string[];
  allowedV252?: string[];
}

const directives = raw.directives as Directive[];
const parsers = new Map((raw.parsers as Parser[]).map((p) => [p.parser, p]));

/** Spellings per kind of value; each is tried on every directive of that kind. */
const byKind: Record<string, string[]> = {
  bool: ["", "yes", "no", "true", "false", "on", "off", "1", "0", "y", "n", "t", "f", "YES", "On", "TRUE", "enable", "2"],
  tristate: ["yes", "no", "On", "", "maybe"],
  timespan: [
    "5",
    "5s",
    "5 s",
    "1min 30s",
    "1h30",
    "15M",
    "1.5h",
    "infinity",
    "0",
    "5sec",
    "5 seconds",
    "2w",
    "1d2h",
    "5ms",
    "5us",
    "-5",
    "5x",
    "1 hour",
    "1y",
    "0.5",
    "5S",
    "5 MIN",
  ],
  "timespan-ns": ["5", "5ns", "5us", "1.5ms", "infinity", "5x"],
  "size-iec": ["1G", "1.5G", "10M", "10.M", "1.31.0", "1K", "1k", "512", "infinity", "1T", "1 G", "1GB", "1GiB", "0", "-1", "1e3"],
  "size-or-percent": ["1G", "50%", "100%", "101%", "50.5%", "infinity", "1.5G", "10.M", "0%", "1g"],
  uint: ["0", "10", "+10", "-1", "0x10", "010", "1_000", "1e3", "18446744073709551616", " 7"],
  int: ["0", "-5", "+5", "0x10", "19", "-20", "20", "-21", "1.5"],
  percent: ["50%", "50", "100%", "101%", "50.5%", "0.5%", "0%"],
  "uint-or-percent": ["10", "10%", "infinity", "0", "101%"],
  signal: ["SIGTERM", "TERM", "sigterm", "15", "SIGRTMIN+1", "RTMIN+1", "SIGRTMAX-1", "0", "65", "SIGKILL"],
  errno: ["EPERM", "eperm", "1", "kill", "EACCES", "4096", "0", "log"],
  mode: ["0644", "644", "0o644", "755", "07777", "8", "u=rw", "0", "17777"],
  user: ["root", "0", "my.user", "nobody", "12345678901", "a-b", "-x", "_svc", "User", "4294967295", "65535"],
  rlimit: ["infinity", "1024", "1024:2048", "1K", "10:5", "unlimited", "1024:infinity"],
  "cpu-set": ["0-3", "0,1", "0 1", "3-1", "all", "0-1 4"],
  "exit-status-list": ["0 1", "SIGTERM", "256", "USAGE", "EXIT_USAGE", "usage", "TERM", "255"],
  "namespace-list": ["net", "~net", "mnt ipc", "NET", "yes", "no", "net,ipc"],
  "syscall-list": ["@system-service", "~@privileged", "@System-Service", "write:EPERM", "~write:eperm", "read write"],
  "af-list": ["AF_UNIX", "af_unix", "~AF_INET6", "none", "AF_UNIX AF_BOGUS"],
  "arch-list": ["native", "x86-64", "X86-64", "x86_64", "amd64"],
  "capability-list": ["CAP_NET_ADMIN", "cap_net_admin", "~CAP_SYS_ADMIN", "NET_ADMIN", "CAP_BOGUS"],
  path: ["/srv/x", "srv/x", "-/srv/x", "~/x", "%h/x", "/srv/x y"],
  "path-list": ["/srv/x", "-/srv/x /srv/y", "srv/x", "+/srv/x", "/srv/x:/mnt/x"],
  "device-timespan": ["/dev/sda 5s", "/dev/sda", "/dev/sda 5x"],
  "device-weight": ["/dev/sda 100", "/dev/sda 0", "/dev/sda 10001"],
  "device-limit": ["/dev/sda 10M", "/dev/sda 10m", "/dev/sda infinity"],
  "unit-list": ["foo.service", "foo", "foo.service bar.target", "foo.service,bar.target", "%i.service"],
  unit: ["foo.service", "foo", "foo@bar.service"],
  timer: ["daily", "Daily", "*-*-* 02:00", "Mon..Fri 9:00", "02:00", "1h"],
  "socket-address": ["8080", "127.0.0.1:8080", "[::1]:8080", "/run/x.sock", "@abstract", "vsock:2:80", "0.0.0.0:80", "localhost:80"],
  "ifname-list": ["eth0", "eth0 lo", "~eth0", "a-very-long-interface-name"],
  ifname: ["eth0", "a-very-long-interface-name"],
  "ip-prefix-list": ["any", "localhost", "10.0.0.0/8", "::1/128", "10.0.0.1", "link-local", "multicast", "10.0.0.0/33"],
  "mount-options": ["ro", "ro,nosuid", "defaults"],
  "fs-list": ["ext4", "~ext4", "@basic-api", "EXT4"],
  "controller-list": ["cpu", "cpu memory", "CPU", "bogus"],
  "env-assignments": ["A=1", "A=1 B=2", '"A=1 2"', "1A=x", "A", "A-B=1"],
  "env-names": ["A", "A B", "1A", "A=1"],
  "condition-path": ["/srv", "!/srv", "|/srv", "|!/srv", "srv"],
  "condition-string": ["x", "!x", "|x"],
};

/** Case variants of a word list's first entries, the spellings that trip case-sensitive lookups. */
function enumVariants(allowed: string[]): string[] {
  const some = allowed.slice(0, 3);
  const out = new Set<string>(some);
  for (const v of some) {
    out.add(v.toUpperCase());
    out.add(v.toLowerCase());
    out.add(v.charAt(0).toUpperCase() + v.slice(1));
  }
  out.add("bogus-value");
  return [...out];
}

/** A unit type where a directive of `section` can stand, and the lines the unit needs besides it. */
const homes: Record<string, { suffix: string; body: string[] } | undefined> = {
  Unit: { suffix: "service", body: ["[Service]", "ExecStart=/bin/true"] },
  Install: { suffix: "service", body: ["[Service]", "ExecStart=/bin/true"] },
  Service: { suffix: "service", body: ["ExecStart=/bin/true"] },
  Socket: { suffix: "socket", body: ["ListenStream=/run/variant.sock"] },
  Timer: { suffix: "timer", body: ["OnCalendar=daily"] },
  Path: { suffix: "path", body: ["PathExists=/srv"] },
  Slice: { suffix: "slice", body: [] },
};

/** Units whose name follows from a path in them: the variant's number goes into both. */
const pathBound: Record<string, ((n: number) => { name: string; body: string[] }) | undefined> = {
  Mount: (n) => ({ name: `srv-v${n}.mount`, body: ["What=/dev/vdb1", `Where=/srv/v${n}`] }),
  Automount: (n) => ({ name: `srv-v${n}.automount`, body: [`Where=/srv/v${n}`] }),
  Swap: (n) => ({ name: `dev-v${n}.swap`, body: [`What=/dev/v${n}`] }),
};

export interface Variant {
  /** The unit's file name, unique per variant. */
  unit: string;
  text: string;
  /** 1-based line of the variant's assignment. */
  line: number;
  directive: string;
  value: string;
}

/** Every variant, in a stable order. */
export function variants(): Variant[] {
  const out: Variant[] = [];
  let bound = 0;
  for (const d of directives) {
    if (!d.inV252 || d.status !== "current") continue;
    const bind = pathBound[d.section];
    // What= and Where= name the unit itself; they are not varied.
    if (bind && (d.name === "What" || d.name === "Where")) continue;
    const home = homes[d.section] ?? (bind ? { suffix: "", body: [] } : undefined);
    if (!home) continue;
    const p = parsers.get(d.v252Parser?.split(/\s/)[0] ?? d.parser);
    if (!p) continue;
    const values =
      p.kind === "enum" || p.kind === "flags" ? enumVariants(p.allowedV252?.length ? p.allowedV252 : p.allowed) : byKind[p.kind];
    if (!values) continue;
    values.forEach((value, i) => {
      const named = bind?.(bound++);
      const unit = named?.name ?? `v-${d.section.toLowerCase()}-${d.name.toLowerCase()}-${i}.${home.suffix}`;
      const body = named?.body ?? home.body;
      const lines = d.section === "Unit" || d.section === "Install" ? [`[${d.section}]`, `${d.name}=${value}`, ...body] : [];
      if (!lines.length) lines.push(`[${d.section}]`, ...body, `${d.name}=${value}`);
      const line = lines.indexOf(`${d.name}=${value}`) + 1;
      out.push({ unit, text: `${lines.join("\n")}\n`, line, directive: `${d.section}.${d.name}`, value });
    });
  }
  return out;
}

/** Runs `systemd-analyze verify` over every variant (in batches, one directory) and keeps the messages about each variant's line. */
export function verifyVariants(): Record<string, string[]> {
  const all = variants();
  const dir = mkdtempSync(join(tmpdir(), "etcetera-variants-"));
  const findings: Record<string, string[]> = {};
  try {
    for (const v of all) writeFileSync(join(dir, v.unit), v.text);
    const lineOf = new Map(all.map((v) => [v.unit, v.line]));
    const pattern = new RegExp(`^${escapeRegExp(dir)}/([^:/]+):(\\d+): (.*)$`);
    for (let i = 0; i < all.length; i += 300) {
      const batch = all.slice(i, i + 300).map((v) => join(dir, v.unit));
      const r = spawnSync(systemdAnalyze, [...verifyArgs.filter((a) => a !== "--recursive-errors=yes"), ...batch], {
        encoding: "utf8",
        env: verifyEnv(dir),
        maxBuffer: 1 << 28,
      });
      if (r.error) throw r.error;
      for (const line of `${r.stdout}\n${r.stderr}`.split("\n")) {
        const m = pattern.exec(line);
        if (!m || lineOf.get(m[1] as string) !== Number(m[2])) continue;
        const unit = m[1] as string;
        findings[unit] = [...(findings[unit] ?? []), m[3] as string];
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return Object.fromEntries(Object.entries(findings).sort(([a], [b]) => a.localeCompare(b)));
}
