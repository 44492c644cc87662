/**
 * Runs the real `netplan generate` on the cases of
 * test/fixtures/netplan-differential/ and turns its output into findings.
 * A case is a folder of YAML files that netplan reads together from
 * /etc/netplan (netplan's own test inputs, the examples it ships), or a single
 * .yaml file (our broken files). Shared by test/scripts/record-netplan.ts
 * (which writes expected.json) and the differential test (which compares the
 * recording with a live run).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

export const fixtureDir = "test/fixtures/netplan-differential";
export const expectedFile = join(fixtureDir, "expected.json");
/** The generator `netplan generate` runs (netplan's own tests call it directly: the Python wrapper adds a second per file). */
export const netplanBinary = process.env.NETPLAN_GENERATE ?? "/usr/lib/netplan/generate";
/** The groups of cases, each a subfolder of the fixture folder. */
export const groups = ["upstream", "upstream-1.2.2", "examples", "broken"] as const;

export interface Finding {
  /** The case's file the message is about (null: netplan named no file). */
  file: string | null;
  /** 1-based line, or null when netplan gave none. */
  line: number | null;
  message: string;
}

export interface CaseVerdict {
  /** Whether `netplan generate` exits 0. */
  ok: boolean;
  findings: Finding[];
}

export interface Recording {
  netplan: string;
  command: string;
  cases: Record<string, CaseVerdict>;
}

export const commandLine = "/usr/lib/netplan/generate --root-dir <tmp> (the case's files in <tmp>/etc/netplan, mode 0600)";

/** Case names (`upstream/errors-invalid_bool`, `broken/mtu-text.yaml`), sorted. */
export function fixtureCases(dir = fixtureDir): string[] {
  const out: string[] = [];
  for (const group of groups) {
    let names: string[] = [];
    try {
      names = readdirSync(join(dir, group));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const full = join(dir, group, name);
      if (statSync(full).isDirectory() || /\.ya?ml$/.test(name)) out.push(`${group}/${name}`);
    }
  }
  return out;
}

/** The files of a case: name in /etc/netplan → text. */
export function caseFiles(name: string, dir = fixtureDir): Map<string, string> {
  const full = join(dir, name);
  const files = new Map<string, string>();
  if (statSync(full).isDirectory()) {
    for (const f of readdirSync(full).sort()) if (/\.ya?ml$/.test(f)) files.set(f, readFileSync(join(full, f), "utf8"));
  } else files.set(basename(full), readFileSync(full, "utf8"));
  return files;
}

export function netplanVersion(): string | undefined {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's format, not a template
  const r = spawnSync("dpkg-query", ["-W", "-f=${Version}", "netplan.io"], { encoding: "utf8" });
  return r.status === 0 && r.stdout ? r.stdout.trim() : undefined;
}

/** Runs netplan generate on a case in a fresh root and parses `file:line:col: message` lines. */
export function generateCase(name: string, dir = fixtureDir): CaseVerdict {
  const root = mkdtempSync(join(tmpdir(), "netplan-diff-"));
  try {
    const etc = join(root, "etc/netplan");
    mkdirSync(etc, { recursive: true });
    for (const [file] of caseFiles(name, dir)) {
      const src = statSync(join(dir, name)).isDirectory() ? join(dir, name, file) : join(dir, name);
      copyFileSync(src, join(etc, file));
      chmodSync(join(etc, file), 0o600);
    }
    const r = spawnSync(netplanBinary, ["--root-dir", root], { encoding: "utf8", timeout: 30_000 });
    const output = `${r.stdout ?? ""}${r.stderr ?? ""}`;
    const findings: Finding[] = [];
    for (const raw of output.split("\n")) {
      const line = raw.trim();
      if (!line) continue;
      const m = /^(\S+?\.ya?ml):(\d+):(\d+): (.*)$/.exec(line);
      if (m) {
        findings.push({ file: basename(m[1] as string), line: Number(m[2]), message: m[4] as string });
        continue;
      }
      // The source lines and carets netplan prints under a located message add nothing.
      if (findings.length > 0 && /^\s*\^?\s*$/.test(line)) continue;
      const prev = findings[findings.length - 1];
      if (prev && prev.line !== null && raw.startsWith(" ")) continue;
      // GLib's messages carry the process id and the time; they differ from run to run.
      const message = line
        .replace(/^\*\* \(generate:\d+\): (\w+) \*\*: [\d:.]+: /, "$1: ")
        .replace(/^\(generate:\d+\): ([\w-]+) \*\*: [\d:.]+: /, "$1: ")
        .replaceAll(root, "<root>");
      findings.push({ file: null, line: null, message });
    }
    return { ok: r.status === 0, findings };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
