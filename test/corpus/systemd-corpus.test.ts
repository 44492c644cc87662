/**
 * Zero false alarms on real unit files: every unit file and drop-in shipped by
 * the 1,000+ Debian packages of test/corpus/debian-packages.txt (made by
 * list-debian-unit-packages.sh; fetched and extracted by fetch-debian-units.sh
 * into $CORPUS_CACHE/root/<package>/, default .cache/corpus) is
 * linted in-process and checked with the real `systemd-analyze verify`. An
 * error or warning of ours on a line where verify says nothing about that
 * file is a false alarm, unless test/corpus/known-real-mistakes.json records
 * it as a genuine mistake of the package that verify cannot see.
 *
 * CORPUS_VERBOSE=1 prints every finding of both sides; CORPUS_ONLY=a,b checks only those packages.
 */
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "../../server/src/core/diagnostic.js";
import type { WorkspaceIndex } from "../../server/src/core/language.js";
import { defaultSettings } from "../../server/src/core/settings.js";
import { UnitNameIndex } from "../../server/src/features/workspace-index.js";
import { parseUnitFile } from "../../server/src/languages/systemd/parser.js";
import { lintText } from "../helpers/lint.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const fetchScript = join(repo, "test/corpus/fetch-debian-units.sh");
const corpusRoot = join(process.env.CORPUS_CACHE ?? join(repo, ".cache/corpus"), "root");
const allowListFile = join(repo, "test/corpus/known-real-mistakes.json");
/** False alarms whose fix belongs to work in progress elsewhere (named in each entry); counted and printed, not failed. */
const pendingFile = join(repo, "test/corpus/pending-false-alarms.json");
const packageList = join(repo, "test/corpus/debian-packages.txt");
const systemdAnalyze = "/usr/bin/systemd-analyze";
const verbose = process.env.CORPUS_VERBOSE === "1";
/** CORPUS_ONLY=pkg,pkg checks only those packages (for investigating; the size checks then fail). */
const only = (process.env.CORPUS_ONLY ?? "").split(",").filter((p) => p !== "");

type Scope = "system" | "user";

/** Where packages put units, per manager scope (Debian 12 still ships most under /lib). */
const unitDirs: Record<Scope, string[]> = {
  system: ["etc/systemd/system", "lib/systemd/system", "usr/lib/systemd/system"],
  user: ["etc/systemd/user", "lib/systemd/user", "usr/lib/systemd/user"],
};
const hostDirs: Record<Scope, string[]> = {
  system: ["/etc/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system"],
  user: ["/etc/systemd/user", "/usr/lib/systemd/user"],
};
const unitTypes = ["service", "socket", "timer", "path", "mount", "automount", "swap", "target", "slice", "scope"];
const unitSuffix = new RegExp(`\\.(${unitTypes.join("|")})$`);

interface CorpusFile {
  pkg: string;
  scope: Scope;
  /** Path inside the package, e.g. lib/systemd/system/ssh.service. */
  rel: string;
  abs: string;
  /** Path below the unit directory: `ssh.service` or `ssh.service.d/override.conf`. */
  local: string;
  /** The unit the file configures: its own name, or for a drop-in the name its directory stands for. */
  unit: string;
  dropIn: boolean;
}

/** One finding of `systemd-analyze verify`: on a line of a file, or about a whole unit. */
interface VerifyFinding {
  message: string;
  line?: number;
  environment: boolean;
}

interface AllowEntry {
  package: string;
  file: string;
  line: number;
  rule: string;
  why: string;
}

interface FileResult {
  file: CorpusFile;
  lines: number;
  diagnostics: Diagnostic[];
  verifyLines: Map<number, VerifyFinding[]>;
  verifyUnit: VerifyFinding[];
}

interface Verdict {
  file: CorpusFile;
  diagnostic: Diagnostic;
  /** 1-based line, as verify and the allow-list name it. */
  line: number;
  /** agree: verify reports the line too; note: an info or hint of ours alone; allowed: listed in known-real-mistakes.json; pending: in pending-false-alarms.json. */
  kind: "agree" | "note" | "allowed" | "pending" | "false-alarm";
}

/**
 * Complaints of verify about this machine rather than the file: programs,
 * users and units that are not installed here. They never count as findings.
 */
const environmentPatterns = [
  /is not executable/,
  /No such file or directory/,
  /Unit \S+ not found/,
  /not loaded, socket cannot be started/,
  /Failed to (resolve|look ?up|find) (user|group)/i,
  /(user|group) .* (not found|does not exist)/i,
  /Failed to create \S+\/start: Unit \S+ is not loaded properly/,
  // "Invalid argument" is a bad name in the file (After=udev); other errors come from units missing here.
  /Failed to add dependency on .*: (?!Invalid argument)/,
  /Cannot add dependency job/,
];
const isEnvironment = (message: string) => environmentPatterns.some((p) => p.test(message));

/** Verify messages that mean the harness itself is broken, not a unit. */
const harnessFailure = /Failed to (prepare filename|initialize manager|start manager|generate unit load path|setup working directory)/;

function ensureCorpus(): void {
  const r = spawnSync("bash", [fetchScript], { cwd: repo, stdio: ["ignore", "inherit", "inherit"], timeout: 20 * 60_000 });
  if (r.error) throw new Error(`could not run ${fetchScript}: ${r.error.message}`);
  if (r.status !== 0)
    throw new Error(
      `${fetchScript} failed (exit ${r.status}): the corpus of Debian unit files could not be fetched. It needs apt-get and dpkg-deb (Debian 12) and Debian's archive.`,
    );
  if (!existsSync(corpusRoot)) throw new Error(`${fetchScript} succeeded but ${corpusRoot} does not exist`);
}

function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

function isDir(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Unit files and drop-ins of one package; symbolic links (aliases, masks, .wants/) are not files of their own. */
function filesOfPackage(pkg: string): CorpusFile[] {
  const out: CorpusFile[] = [];
  for (const scope of ["system", "user"] as const) {
    for (const dir of unitDirs[scope]) {
      const base = join(corpusRoot, pkg, dir);
      if (!isDir(base)) continue;
      for (const name of readdirSync(base).sort()) {
        const full = join(base, name);
        if (unitSuffix.test(name) && isRegularFile(full)) {
          out.push({ pkg, scope, rel: `${dir}/${name}`, abs: full, local: name, unit: name, dropIn: false });
        } else if (name.endsWith(".d") && isDir(full)) {
          const unit = name.slice(0, -2);
          if (!unitSuffix.test(unit) && !unitTypes.includes(unit)) continue;
          for (const conf of readdirSync(full).sort()) {
            const path = join(full, conf);
            if (conf.endsWith(".conf") && isRegularFile(path))
              out.push({ pkg, scope, rel: `${dir}/${name}/${conf}`, abs: path, local: `${name}/${conf}`, unit, dropIn: true });
          }
        }
      }
    }
  }
  return out;
}

const typeOf = (unit: string) => unit.slice(unit.lastIndexOf(".") + 1);

/** A minimal unit of a type that systemd loads, for drop-ins whose unit nobody ships. */
function stubUnit(type: string): string {
  const body: Record<string, string> = {
    service: "[Service]\nExecStart=/bin/true\n",
    socket: "[Socket]\nListenStream=/run/etcetera-corpus.sock\n",
    timer: "[Timer]\nOnBootSec=1h\n",
    path: "[Path]\nPathExists=/run/etcetera-corpus\n",
    automount: "[Automount]\nWhere=/corpus\n",
    swap: "[Swap]\nWhat=/corpus\n",
  };
  return `[Unit]\nDescription=Stand-in for a drop-in check\n${body[type] ?? ""}`;
}

/**
 * The unit verify has to load for a drop-in directory to be read, and the
 * file it loads it from: the template for an instance, a made-up member for
 * a prefix drop-in (`user-.slice.d`), any unit for a type drop-in (`service.d`).
 */
function dropInTarget(unit: string): { verifyName: string; fragment: string } {
  if (unitTypes.includes(unit)) return { verifyName: `etcetera-corpus.${unit}`, fragment: `etcetera-corpus.${unit}` };
  const dot = unit.lastIndexOf(".");
  const prefix = unit.slice(0, dot);
  const type = unit.slice(dot + 1);
  const at = prefix.indexOf("@");
  if (at >= 0 && at < prefix.length - 1) return { verifyName: unit, fragment: `${prefix.slice(0, at + 1)}.${type}` };
  if (prefix !== "-" && prefix.endsWith("-") && !prefix.includes("@")) {
    const member = `${prefix}etcetera.${type}`;
    return { verifyName: member, fragment: member };
  }
  return { verifyName: unit, fragment: unit };
}

class Pool {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly size: number) {}
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running++;
    try {
      return await job();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }
}

function runVerify(scope: Scope, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const flags = ["verify", "--man=no", "--generators=no", ...(scope === "user" ? ["--user"] : []), "--"];
  return new Promise((resolve, reject) => {
    execFile(systemdAnalyze, [...flags, ...args], { env, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      // verify exits 1 for any finding, environmental ones included; only a kill or a missing binary is an error here.
      if (error && (error.killed || typeof error.code !== "number")) reject(error);
      else resolve(`${stdout}${stderr}`);
    });
  });
}

const lineFinding = /^(\/[^:]+):(\d+): (.*)$/;
const unitFinding = new RegExp(`^([^\\s/:]+\\.(?:${unitTypes.join("|")})): (.*)$`);

/** Runs verify on one package's units of one scope, in a private copy of its unit directory. */
async function verifyGroup(
  files: CorpusFile[],
  work: string,
  env: NodeJS.ProcessEnv,
  corpusIndex: Map<string, string>,
  results: Map<CorpusFile, FileResult>,
): Promise<void> {
  const first = files[0];
  if (!first) return;
  mkdirSync(work, { recursive: true });
  const byTemp = new Map<string, CorpusFile>();
  const args = new Set<string>();
  for (const f of files) {
    const target = join(work, f.local);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(f.abs, target);
    byTemp.set(target, f);
  }
  for (const f of files) {
    if (!f.dropIn) {
      args.add(join(work, f.local));
      continue;
    }
    const { verifyName, fragment } = dropInTarget(f.unit);
    const fragmentPath = join(work, fragment);
    if (!existsSync(fragmentPath)) {
      const elsewhere =
        corpusIndex.get(`${f.scope}/${fragment}`) ?? hostDirs[f.scope].map((d) => join(d, fragment)).find((p) => isRegularFile(p));
      if (elsewhere) cpSync(elsewhere, fragmentPath);
      else writeFileSync(fragmentPath, stubUnit(typeOf(fragment)));
    }
    // The fragment itself puts the directory on verify's unit path, so that an instance name finds its template.
    args.add(fragmentPath);
    args.add(join(work, verifyName));
  }
  const output = await runVerify(first.scope, [...args], env);
  const unitsOfGroup = new Map<string, CorpusFile[]>();
  for (const f of files) unitsOfGroup.set(f.unit, [...(unitsOfGroup.get(f.unit) ?? []), f]);
  const seen = new Set<string>();
  for (const raw of output.split("\n")) {
    const line = raw.trimEnd();
    if (line === "" || seen.has(line)) continue;
    seen.add(line);
    if (harnessFailure.test(line)) throw new Error(`systemd-analyze verify failed on ${first.pkg} (${first.scope}): ${line}`);
    const m = lineFinding.exec(line);
    if (m) {
      const file = byTemp.get(m[1] as string);
      if (!file) continue; // a unit of another package or of this host, loaded as a dependency or as a drop-in's base
      const result = results.get(file) as FileResult;
      const n = Number(m[2]);
      const finding = { message: m[3] as string, line: n, environment: isEnvironment(m[3] as string) };
      result.verifyLines.set(n, [...(result.verifyLines.get(n) ?? []), finding]);
      continue;
    }
    const u = unitFinding.exec(line);
    if (u) {
      const unit = (u[1] as string).replace(/@i\./, "@.");
      for (const file of unitsOfGroup.get(unit) ?? []) {
        (results.get(file) as FileResult).verifyUnit.push({ message: u[2] as string, environment: isEnvironment(u[2] as string) });
      }
    }
  }
}

/** The physical lines an assignment spans, so that a diagnostic on a continued line meets verify's report of its last line. */
function logicalLines(text: string): Map<number, [number, number]> {
  const spans = new Map<number, [number, number]>();
  for (const section of parseUnitFile(text).sections)
    for (const e of section.entries)
      for (let l = e.range.start.line; l <= e.reportLine; l++) spans.set(l, [e.range.start.line, e.reportLine]);
  return spans;
}

/**
 * What `etcetera lint` sees when pointed at the extracted package: the same
 * index the CLI builds (every unit, drop-in and link of the package's unit
 * directories), so that a unit is judged with its drop-ins, a drop-in with
 * its unit, and a timer finds its service.
 */
function packageWorkspace(pkg: string, files: CorpusFile[]): Promise<WorkspaceIndex> {
  return UnitNameIndex.forFiles(files.filter((f) => f.pkg === pkg).map((f) => f.abs));
}

function loadAllowList(file: string): AllowEntry[] {
  if (!existsSync(file)) return [];
  const list = JSON.parse(readFileSync(file, "utf8")) as AllowEntry[];
  for (const e of list) assert.ok(e.package && e.file && e.line && e.rule && e.why, `incomplete entry in ${file}: ${JSON.stringify(e)}`);
  return list;
}

describe("systemd corpus: Debian bookworm unit files against systemd-analyze verify", { timeout: 30 * 60_000 }, () => {
  const results = new Map<CorpusFile, FileResult>();
  const verdicts: Verdict[] = [];
  const allowList = loadAllowList(allowListFile);
  const pendingList = loadAllowList(pendingFile);
  const usedAllowances = new Set<AllowEntry>();
  let packages: string[] = [];
  let scratch = "";
  let started = 0;
  /** Per canary file: the lines verify reports and the lines we report. */
  const canary: Record<string, { verify: number[]; ours: number[] }> = {};
  const canaryUnits: Record<string, string> = {
    "canary.service": "[Unit]\nDescription=canary\nNoSuchKey=1\n[Service]\nExecStart=/bin/true\nNice=99\n",
    "canary.service.d/override.conf": "[Service]\nNice=abc\n",
    "user@0.service.d/canary.conf": "[Service]\nRestart=bogus\n",
    "-.slice.d/canary.conf": "[Slice]\nCPUWeight=0\n",
  };

  before(async () => {
    started = Date.now();
    ensureCorpus();
    if (!existsSync(systemdAnalyze))
      throw new Error(`${systemdAnalyze} is missing: install Debian's systemd package (252) to run the corpus test`);
    // The packages of the list, not every directory: a shared CORPUS_CACHE may hold more.
    packages = readFileSync(packageList, "utf8")
      .split("\n")
      .map((l) => l.replace(/#.*/, "").trim())
      .filter((p) => p !== "" && (only.length === 0 || only.includes(p)))
      .sort();
    const absent = packages.filter((p) => !isDir(join(corpusRoot, p)));
    assert.deepEqual(absent, [], `packages of ${packageList} missing from ${corpusRoot}`);
    const files = packages.flatMap(filesOfPackage);
    const corpusIndex = new Map<string, string>();
    for (const f of files) if (!f.dropIn && !corpusIndex.has(`${f.scope}/${f.local}`)) corpusIndex.set(`${f.scope}/${f.local}`, f.abs);

    for (const pkg of packages) {
      const workspace = await packageWorkspace(pkg, files);
      for (const file of files) {
        if (file.pkg !== pkg) continue;
        const text = readFileSync(file.abs, "utf8");
        results.set(file, {
          file,
          lines: text.split("\n").length - (text.endsWith("\n") ? 1 : 0),
          diagnostics: lintText(file.abs, text, defaultSettings, "systemd", workspace),
          verifyLines: new Map(),
          verifyUnit: [],
        });
      }
    }

    scratch = mkdtempSync(join(tmpdir(), "etcetera-corpus-"));
    const runtime = join(scratch, ".runtime");
    const home = join(scratch, ".home");
    mkdirSync(runtime, { mode: 0o700 });
    mkdirSync(home);
    const env = {
      PATH: process.env.PATH,
      LANG: "C.UTF-8",
      HOME: home,
      XDG_RUNTIME_DIR: runtime,
      SYSTEMD_LOG_LEVEL: "info",
      SYSTEMD_LOG_COLOR: "0",
      SYSTEMD_LOG_LOCATION: "0",
      SYSTEMD_LOG_TIME: "0",
      SYSTEMD_LOG_TARGET: "console",
      SYSTEMD_PAGER: "",
    };
    // One verify run per package and scope; a second run for a name the package ships twice (in /etc and /lib).
    const groups: CorpusFile[][] = [];
    for (const pkg of packages) {
      for (const scope of ["system", "user"] as const) {
        const layers: Map<string, CorpusFile>[] = [];
        for (const f of files) {
          if (f.pkg !== pkg || f.scope !== scope) continue;
          let layer = layers.find((l) => !l.has(f.local));
          if (!layer) {
            layer = new Map();
            layers.push(layer);
          }
          layer.set(f.local, f);
        }
        for (const l of layers) groups.push([...l.values()]);
      }
    }
    const pool = new Pool(Math.max(2, availableParallelism() * 2));
    await Promise.all(
      groups.map((group, i) =>
        pool.run(() => verifyGroup(group, join(scratch, `${i}-${group[0]?.pkg}-${group[0]?.scope}`), env, corpusIndex, results)),
      ),
    );

    for (const result of results.values()) {
      const text = readFileSync(result.file.abs, "utf8");
      const spans = logicalLines(text);
      const realUnitFinding = result.verifyUnit.some((f) => !f.environment);
      for (const d of result.diagnostics) {
        const [from, to] = spans.get(d.range.start.line) ?? [d.range.start.line, d.range.end.line];
        let agrees = false;
        for (let l = Math.min(from, d.range.start.line); l <= Math.max(to, d.range.end.line); l++)
          if (result.verifyLines.get(l + 1)?.some((f) => !f.environment)) agrees = true;
        if (!agrees && d.rule === "systemd/unit-refused" && realUnitFinding) agrees = true;
        // verify names a dropped dependency about the unit, not a line: "Dependency After=x.service is dropped."
        if (!agrees && d.rule === "systemd/dropped-dependency")
          agrees = result.verifyUnit.some((f) => /^Dependency \S+ (is dropped|ignored)/.test(f.message));
        const line = d.range.start.line + 1;
        let kind: Verdict["kind"] = agrees ? "agree" : d.severity === "error" || d.severity === "warning" ? "false-alarm" : "note";
        if (kind === "false-alarm") {
          const allowed = allowList.find(
            (e) => e.package === result.file.pkg && e.file === result.file.rel && e.line === line && e.rule === d.rule,
          );
          const pending = pendingList.find(
            (e) => e.package === result.file.pkg && e.file === result.file.rel && e.line === line && e.rule === d.rule,
          );
          if (allowed) {
            usedAllowances.add(allowed);
            kind = "allowed";
          } else if (pending) {
            usedAllowances.add(pending);
            kind = "pending";
          }
        }
        verdicts.push({ file: result.file, diagnostic: d, line, kind });
      }
    }
    // Canary units with mistakes verify reports by line, through every way the harness feeds it a file:
    // a unit, its drop-in, an instance drop-in of a unit another package ships, a drop-in of the root slice.
    const canaryRoot = join(scratch, "canary");
    const canaryFiles: CorpusFile[] = [];
    for (const [local, text] of Object.entries(canaryUnits)) {
      const rel = `lib/systemd/system/${local}`;
      mkdirSync(dirname(join(canaryRoot, rel)), { recursive: true });
      writeFileSync(join(canaryRoot, rel), text);
      const dropIn = local.includes("/");
      const file: CorpusFile = {
        pkg: "(canary)",
        scope: "system",
        rel,
        abs: join(canaryRoot, rel),
        local,
        unit: dropIn ? local.slice(0, local.indexOf(".d/")) : local,
        dropIn,
      };
      canaryFiles.push(file);
      results.set(file, { file, lines: 0, diagnostics: lintText(`/${rel}`, text), verifyLines: new Map(), verifyUnit: [] });
    }
    await verifyGroup(canaryFiles, join(scratch, "canary-verify"), env, corpusIndex, results);
    for (const file of canaryFiles) {
      const r = results.get(file) as FileResult;
      results.delete(file);
      canary[file.local] = {
        verify: [...r.verifyLines.keys()].sort((a, b) => a - b),
        ours: [...new Set(r.diagnostics.map((d) => d.range.start.line + 1))].sort((a, b) => a - b),
      };
    }

    report();
  });

  after(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  function report(): void {
    const all = [...results.values()];
    const byRule = new Map<string, number>();
    for (const r of all)
      for (const d of r.diagnostics) byRule.set(`${d.rule} (${d.severity})`, (byRule.get(`${d.rule} (${d.severity})`) ?? 0) + 1);
    const verifyLineFindings = all.flatMap((r) => [...r.verifyLines.values()].flat());
    const verifyUnitFindings = all.flatMap((r) => r.verifyUnit);
    const agreeLines = new Set(verdicts.filter((v) => v.kind === "agree").map((v) => `${v.file.abs}:${v.line}`));
    const missed: string[] = [];
    for (const r of all) {
      const ours = new Set<number>();
      const spans = logicalLines(readFileSync(r.file.abs, "utf8"));
      for (const d of r.diagnostics) {
        const [from, to] = spans.get(d.range.start.line) ?? [d.range.start.line, d.range.end.line];
        for (let l = Math.min(from, d.range.start.line); l <= Math.max(to, d.range.end.line); l++) ours.add(l + 1);
      }
      for (const [line, findings] of r.verifyLines)
        for (const f of findings) if (!f.environment && !ours.has(line)) missed.push(`${r.file.pkg}: /${r.file.rel}:${line}: ${f.message}`);
    }
    const count = (kind: Verdict["kind"]) => verdicts.filter((v) => v.kind === kind).length;
    const out = [
      "",
      "systemd corpus summary",
      `  packages:                      ${packages.length}`,
      `  files:                         ${all.length} (${all.filter((r) => !r.file.dropIn).length} units, ${all.filter((r) => r.file.dropIn).length} drop-ins)`,
      `  lines:                         ${all.reduce((n, r) => n + r.lines, 0)}`,
      `  our diagnostics:               ${all.reduce((n, r) => n + r.diagnostics.length, 0)}`,
      ...[...byRule.entries()].sort().map(([rule, n]) => `    ${rule}: ${n}`),
      `  verify findings on lines:      ${verifyLineFindings.filter((f) => !f.environment).length} (+${verifyLineFindings.filter((f) => f.environment).length} about this machine)`,
      `  verify findings about units:   ${verifyUnitFindings.filter((f) => !f.environment).length} (+${verifyUnitFindings.filter((f) => f.environment).length} about this machine)`,
      `  lines where both agree:        ${agreeLines.size}`,
      `  ours alone, info or hint:      ${count("note")}`,
      `  known real mistakes (allowed): ${count("allowed")}`,
      `  verify findings we miss:       ${missed.length}`,
      `  pending elsewhere:             ${count("pending")} (pending-false-alarms.json)`,
      `  false alarms:                  ${count("false-alarm")}`,
      `  time:                          ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ];
    const fixed = pendingList.filter((e) => !usedAllowances.has(e)).map((e) => `    ${e.package}: /${e.file}:${e.line} ${e.rule}`);
    if (fixed.length > 0) out.push("  pending false alarms that no longer occur (drop them from pending-false-alarms.json):", ...fixed);
    if (missed.length > 0)
      out.push("  missed (verify reports, we do not):", ...missed.slice(0, verbose ? undefined : 20).map((m) => `    ${m}`));
    if (verbose) {
      for (const r of all) {
        for (const [line, findings] of r.verifyLines)
          for (const f of findings) out.push(`  verify${f.environment ? " (env)" : ""}: /${r.file.rel}:${line}: ${f.message}`);
        for (const f of r.verifyUnit) out.push(`  verify${f.environment ? " (env)" : ""}: /${r.file.rel}: ${f.message}`);
      }
      for (const v of verdicts)
        out.push(`  ours (${v.kind}): ${v.file.pkg}: /${v.file.rel}:${v.line}: ${v.diagnostic.rule}: ${v.diagnostic.message}`);
    }
    console.log(out.join("\n"));
  }

  it("finds the unit files of the corpus", () => {
    assert.ok(packages.length >= 1000, `only ${packages.length} packages in ${corpusRoot}`);
    assert.ok(results.size >= 2000, `only ${results.size} unit files and drop-ins found`);
  });

  it("reads what systemd-analyze verify says about units and drop-ins (canaries with known mistakes)", () => {
    assert.deepEqual(canary, {
      "canary.service": { verify: [3, 6], ours: [3, 6] },
      "canary.service.d/override.conf": { verify: [2], ours: [2] },
      "user@0.service.d/canary.conf": { verify: [2], ours: [2] },
      "-.slice.d/canary.conf": { verify: [2], ours: [2] },
    });
  });

  it("raises no false alarm", () => {
    const alarms = verdicts
      .filter((v) => v.kind === "false-alarm")
      .map((v) => {
        const text = readFileSync(v.file.abs, "utf8").split("\n")[v.line - 1]?.trim();
        return `${v.file.pkg}: /${v.file.rel}:${v.line}: ${v.diagnostic.rule} (${v.diagnostic.severity}): ${v.diagnostic.message}\n      | ${text}`;
      });
    assert.deepEqual(alarms, [], `${alarms.length} false alarms on files systemd-analyze verify accepts`);
  });

  it("lists in known-real-mistakes.json only diagnostics that still occur", () => {
    // A stale entry means the package was fixed (drop the entry) or we stopped seeing a real mistake (a regression).
    const stale = allowList.filter((e) => !usedAllowances.has(e)).map((e) => `${e.package}: /${e.file}:${e.line} ${e.rule}`);
    assert.deepEqual(stale, [], "entries of known-real-mistakes.json that match no diagnostic");
  });
});
