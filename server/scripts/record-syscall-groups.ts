/**
 * Records the system-call groups of the installed systemd (`systemd-analyze
 * syscall-filter`) and which of their members are real system calls on this
 * machine's architecture for libseccomp (systemd's exposure score ignores the
 * others: `SystemCallFilter=` drops names libseccomp cannot resolve, and the
 * score skips group members that do not exist on the native architecture).
 * Writes server/src/languages/systemd/security/data/syscall-groups.json.
 * Run on Debian 12 (x86_64): `node --import tsx server/scripts/record-syscall-groups.ts`.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outputFile = join(here, "../src/languages/systemd/security/data/syscall-groups.json");

function run(cmd: string, args: string[], input?: string): string {
  const r = spawnSync(cmd, args, { encoding: "utf8", input, maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

/** `@group` headers, then indented members (`@other` for a nested group); `#` lines are comments. */
function parseGroups(text: string): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  let current: string[] | undefined;
  for (const line of text.split("\n")) {
    if (/^@\S+$/.test(line)) groups[line] = current = [];
    else if (/^\s+[^#\s]/.test(line) && current) current.push(line.trim());
    else if (!line.startsWith(" ")) current = undefined;
  }
  return groups;
}

/** libseccomp's verdict per name: a number >= 0 on the native architecture, negative when absent there, null when unknown. */
const resolver = `
import ctypes, json, sys
lib = ctypes.CDLL("libseccomp.so.2")
lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
lib.seccomp_syscall_resolve_name.restype = ctypes.c_int
out = {}
for name in json.load(sys.stdin):
    n = lib.seccomp_syscall_resolve_name(name.encode())
    out[name] = None if n == -1 else n
json.dump(out, sys.stdout)
`;

const version = run("systemd-analyze", ["--version"]).split("\n")[0]?.trim() ?? "";
const groups = parseGroups(run("systemd-analyze", ["syscall-filter", "--no-pager"]));
const names = [...new Set(Object.values(groups).flat())].filter((n) => !n.startsWith("@")).sort();
const resolved = JSON.parse(run("python3", ["-c", resolver], JSON.stringify(names))) as Record<string, number | null>;
const arch = run("uname", ["-m"]).trim();
const data = {
  source: `systemd-analyze syscall-filter of ${version}; native names resolved with libseccomp on ${arch}`,
  groups,
  /** Group members libseccomp knows but that do not exist on the native architecture. */
  notNative: names.filter((n) => (resolved[n] ?? -1) < 0 && resolved[n] !== null),
  /** Group members libseccomp does not know at all (SystemCallFilter= ignores them). */
  unknown: names.filter((n) => resolved[n] === null),
};
writeFileSync(outputFile, `${JSON.stringify(data, null, 1)}\n`);
console.log(
  `${Object.keys(groups).length} groups, ${names.length} names, ${data.notNative.length} not native, ${data.unknown.length} unknown`,
);
