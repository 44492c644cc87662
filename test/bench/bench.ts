/**
 * `npm run bench`: prints a table of measured numbers, never asserts them.
 *
 *   - lint throughput over the Debian corpus (.cache/corpus/root, filled by
 *     test/corpus/fetch-debian-units.sh): the CLI as a whole run (one process
 *     for every file, startup included) and in-process (runLint() of the CLI
 *     module, warm), against `systemd-analyze verify` on the same files in
 *     the same run;
 *   - language server over stdio (the bundled server, real JSON-RPC): the
 *     check of a change without the debounce on a 50-line and a 5,000-line
 *     unit (p99), timed inside the server and as the client's round trip,
 *     beside the transport floor (a server that checks nothing), dependents (drop-ins, a timer) re-checked per file, peak RSS
 *     after the 5,000-line run, the adaptive debounce on its own, cold start.
 *
 *   - the OnCalendar= engine against `systemd-analyze calendar`;
 *   - the exposure score against `systemd-analyze security --offline` (services per second);
 *   - the extension in a real VS Code: activation, first diagnostics, .vsix size;
 *   - a deploy-and-restart round trip and a status refresh of 20 units on the test host.
 *
 * systemd-analyze verify runs two ways on the same files in the same run: once
 * per package directory (as a CI script calls it) and once per unit file (as
 * an editor or a pre-commit hook would); per file on a sample of
 * BENCH_PER_FILE units (default 200) spread over the corpus, as files per
 * second of its median call. Startup: `etcetera --version` and a one-file
 * lint, BENCH_STARTUP_RUNS times (default 10).
 *
 * BENCH_RUNS=N repeats the throughput runs (default 3, median reported);
 * Scale: a generated fleet repository of BENCH_SCALE_FILES units and drop-ins
 * (default 20,000; test/bench/scale-bench.ts), BENCH_SCALE_RUNS server starts
 * in it (default 3). CPU times come from /proc (10 ms ticks): the machine may
 * be shared, and wall time then measures the neighbours too.
 *
 * BENCH_SKIP=lsp,scale,calendar,security,editor,remote leaves parts out.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runLint } from "../../server/src/cli/lint.js";
import { languageServerNodeFlags } from "../../server/src/core/server-flags.js";
import { bundlePath, ensureBundle } from "../helpers/bundle.js";
import { benchCalendar, formatCalendarBench } from "./calendar-bench.js";
import { measureEditor } from "./editor-bench.js";
import { measureColdStart, measureDependents, measureLatency, measureTransportFloor } from "./lsp-bench.js";
import { measureRemote } from "./remote-bench.js";
import { measureScale } from "./scale-bench.js";
import { benchSecurity, formatSecurityBench } from "./security-bench.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PER_FILE_SAMPLE = Number(process.env.BENCH_PER_FILE ?? 200);
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 10);
const SCALE_FILES = Number(process.env.BENCH_SCALE_FILES ?? 20_000);
const SCALE_RUNS = Number(process.env.BENCH_SCALE_RUNS ?? 3);
const corpusRoot = join(process.env.CORPUS_CACHE ?? ".cache/corpus", "root");
const fetchScript = "test/corpus/fetch-debian-units.sh";
const systemdAnalyze = "/usr/bin/systemd-analyze";
const unitSuffix = /\.(service|socket|timer|path|mount|automount|swap|target|slice|scope)$/;
const unitDirs = {
  system: ["etc/systemd/system", "lib/systemd/system", "usr/lib/systemd/system"],
  user: ["lib/systemd/user", "usr/lib/systemd/user"],
};

interface CorpusFile {
  /** The package, or "host" for this machine's /lib/systemd/system. */
  group: string;
  scope: "system" | "user";
  path: string;
  /** The unit file itself or `unit.d/x.conf`. */
  local: string;
  dropIn: boolean;
}

const isFile = (p: string) => existsSync(p) && lstatSync(p).isFile();
const isDir = (p: string) => existsSync(p) && lstatSync(p).isDirectory();

function filesUnder(group: string, scope: "system" | "user", base: string): CorpusFile[] {
  if (!isDir(base)) return [];
  const out: CorpusFile[] = [];
  for (const name of readdirSync(base).sort()) {
    const full = join(base, name);
    if (unitSuffix.test(name) && isFile(full)) out.push({ group, scope, path: full, local: name, dropIn: false });
    else if (name.endsWith(".d") && unitSuffix.test(name.slice(0, -2)) && isDir(full))
      for (const conf of readdirSync(full).sort())
        if (conf.endsWith(".conf") && isFile(join(full, conf)))
          out.push({ group, scope, path: join(full, conf), local: `${name}/${conf}`, dropIn: true });
  }
  return out;
}

/** The corpus, fetched when missing; this machine's units when it cannot be had (and the table says so). */
function corpus(): { files: CorpusFile[]; source: string } {
  if (!isDir(corpusRoot) && existsSync(fetchScript)) {
    console.error(`bench: ${corpusRoot} is missing; running ${fetchScript}`);
    spawnSync("bash", [fetchScript], { stdio: ["ignore", "inherit", "inherit"], timeout: 30 * 60_000 });
  }
  if (isDir(corpusRoot)) {
    const files = readdirSync(corpusRoot)
      .filter((p) => !p.startsWith("."))
      .sort()
      .flatMap((pkg) =>
        (["system", "user"] as const).flatMap((scope) => unitDirs[scope].flatMap((d) => filesUnder(pkg, scope, join(corpusRoot, pkg, d)))),
      );
    if (files.length > 0) return { files, source: `Debian corpus ${corpusRoot} (${new Set(files.map((f) => f.group)).size} packages)` };
  }
  const files = filesUnder("host", "system", "/lib/systemd/system");
  return { files, source: `/lib/systemd/system of this machine (THE DEBIAN CORPUS IS MISSING: ${corpusRoot})` };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[s.length >> 1] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
/**
 * CPU seconds (user + system) of this process's finished children so far, from /proc/self/stat (10 ms ticks):
 * the machine is shared, so wall time says as much about the neighbours as about the program.
 */
function childCpu(): number {
  const fields = readFileSync("/proc/self/stat", "utf8")
    .replace(/^.*\) /s, "")
    .split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100;
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Median with the spread of the runs: `1.23 s (1.10–1.40)`. */
const spread = (xs: number[], unit: string, digits = 2) =>
  `${median(xs).toFixed(digits)} ${unit} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

/** One `etcetera lint` over all paths: wall and CPU seconds. */
function timeCli(paths: string[]): { wall: number; cpu: number } {
  const start = process.hrtime.bigint();
  const cpu = childCpu();
  const r = spawnSync(process.execPath, [bundlePath, "lint", "--format", "json", ...paths], { maxBuffer: 256 << 20, timeout: 10 * 60_000 });
  if (r.error || r.status === null || r.status === 2) throw new Error(`etcetera lint failed: ${r.error?.message ?? r.stderr.toString()}`);
  return { wall: seconds(start), cpu: childCpu() - cpu };
}

/** test/bench/read-floor.mjs on the same paths: Node.js starting, then reading every file and checking none. */
function timeReadFloor(paths: string[]): { wall: number; cpu: number } {
  const start = process.hrtime.bigint();
  const cpu = childCpu();
  const r = spawnSync(process.execPath, [readFloorScript, ...paths], { maxBuffer: 1 << 20, timeout: 60_000 });
  if (r.error || r.status !== 0) throw new Error(`read-floor failed: ${r.error?.message ?? r.stderr.toString()}`);
  return { wall: seconds(start), cpu: childCpu() - cpu };
}

const readFloorScript = fileURLToPath(new URL("read-floor.mjs", import.meta.url));

async function timeInProcess(paths: string[]): Promise<number> {
  const io = { stdout: () => undefined, stderr: () => undefined, isTTY: false };
  const start = process.hrtime.bigint();
  const code = await runLint(["--format", "json", ...paths], io);
  if (code === 2) throw new Error("runLint() reported a usage or I/O error");
  return seconds(start);
}

const verifyEnv = (dir: string) => ({
  PATH: process.env.PATH,
  LC_ALL: "C.UTF-8",
  SYSTEMD_UNIT_PATH: dir,
  SYSTEMD_LOG_LEVEL: "warning",
  SYSTEMD_PAGER: "",
});
const verifyArgs = (scope: "system" | "user") => [
  "verify",
  "--man=no",
  "--generators=no",
  "--recursive-errors=no",
  ...(scope === "user" ? ["--user"] : []),
];

/**
 * `systemd-analyze verify` called once per unit file, on an even sample of
 * the corpus's units, each in a private copy of its package's unit directory
 * (drop-ins beside it): the seconds of each call.
 */
function timeVerifyPerFile(files: CorpusFile[], sample: number): { wall: number; cpu: number }[] {
  const units = files.filter((f) => !f.dropIn);
  const step = Math.max(1, units.length / sample);
  const picked = Array.from({ length: Math.min(sample, units.length) }, (_, i) => units[Math.floor(i * step)] as CorpusFile);
  const work = mkdtempSync(join(tmpdir(), "etcetera-bench-verify1-"));
  const times: { wall: number; cpu: number }[] = [];
  try {
    for (const [i, unit] of picked.entries()) {
      const dir = join(work, String(i));
      for (const f of files.filter(
        (x) => x.group === unit.group && x.scope === unit.scope && (x === unit || x.local.startsWith(`${unit.local}.d/`)),
      )) {
        mkdirSync(join(dir, f.local, ".."), { recursive: true });
        cpSync(f.path, join(dir, f.local));
      }
      const start = process.hrtime.bigint();
      const cpu = childCpu();
      spawnSync(systemdAnalyze, [...verifyArgs(unit.scope), "--", join(dir, unit.local)], {
        env: verifyEnv(dir),
        timeout: 120_000,
        maxBuffer: 64 << 20,
      });
      times.push({ wall: seconds(start), cpu: childCpu() - cpu });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return times;
}

/** Runs the bundle `runs` times with `args`: the wall seconds of each run, and the CPU seconds of all of them. */
function timeBundle(args: string[], runs: number): { wall: number[]; cpu: number } {
  const cpu = childCpu();
  const wall = Array.from({ length: runs }, () => {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [bundlePath, ...args], { stdio: "ignore", timeout: 60_000 });
    if (r.error || r.status === null || r.status === 2) throw new Error(`etcetera ${args.join(" ")} failed`);
    return seconds(start);
  });
  return { wall, cpu: childCpu() - cpu };
}

/**
 * `systemd-analyze verify` on the same files, batched one call per package
 * and scope (the units of a package verified together, as a package is
 * installed): each batch in a private copy of the package's unit directory
 * (SYSTEMD_UNIT_PATH set to it alone), so that drop-ins are read with their
 * units. Drop-ins whose unit the package does not ship are not verified.
 * Batches run one after the other, like the single-threaded CLI.
 */
function timeVerify(files: CorpusFile[]): { seconds: number; cpu: number; files: number; batches: number } {
  const groups = new Map<string, CorpusFile[]>();
  for (const f of files) groups.set(`${f.group}/${f.scope}`, [...(groups.get(`${f.group}/${f.scope}`) ?? []), f]);
  const work = mkdtempSync(join(tmpdir(), "etcetera-bench-verify-"));
  let elapsed = 0;
  let cpu = 0;
  let verified = 0;
  let batches = 0;
  try {
    for (const [key, group] of groups) {
      const dir = join(work, key.replace(/\//g, "_"));
      const units = group.filter((f) => !f.dropIn);
      if (units.length === 0) continue;
      for (const f of group) {
        mkdirSync(join(dir, f.local, ".."), { recursive: true });
        cpSync(f.path, join(dir, f.local));
      }
      const unitNames = new Set(units.map((u) => u.local));
      verified += units.length + group.filter((f) => f.dropIn && unitNames.has(f.local.split("/")[0]?.slice(0, -2) ?? "")).length;
      const start = process.hrtime.bigint();
      const cpuBefore = childCpu();
      spawnSync(systemdAnalyze, [...verifyArgs(group[0]?.scope ?? "system"), "--", ...units.map((u) => join(dir, u.local))], {
        env: verifyEnv(dir),
        timeout: 120_000,
        maxBuffer: 64 << 20,
      });
      elapsed += seconds(start);
      cpu += childCpu() - cpuBefore;
      batches++;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { seconds: elapsed, cpu, files: verified, batches };
}

function table(rows: [string, string, string][]): string {
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] as number)).join(" | ")} |`;
  return [line(rows[0] as string[]), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

async function main(): Promise<void> {
  ensureBundle();
  const { files, source } = corpus();
  const paths = files.map((f) => f.path);
  const mb = files.reduce((n, f) => n + lstatSync(f.path).size, 0) / 1e6;
  console.log(`corpus: ${files.length} files, ${mb.toFixed(1)} MB — ${source}`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, node ${process.version}; other work on the machine adds noise`);

  const rows: [string, string, string][] = [["measure", "value", "how"]];
  const cli = Array.from({ length: RUNS }, () => timeCli(paths));
  const lintRate = files.length / median(cli.map((r) => r.wall));
  const lintCpuRate = files.length / median(cli.map((r) => r.cpu));
  rows.push([
    "etcetera lint, CLI whole run",
    `${lintRate.toFixed(0)} files/s; CPU: ${lintCpuRate.toFixed(0)} files/s`,
    `one process for all ${files.length} files, startup included; ${RUNS} runs: ${spread(
      cli.map((r) => r.wall),
      "s",
    )} wall, ${spread(
      cli.map((r) => r.cpu),
      "s",
    )} CPU`,
  ]);
  const floor = Array.from({ length: RUNS }, () => timeReadFloor(paths));
  const floorRate = files.length / median(floor.map((r) => r.wall));
  const floorCpuRate = files.length / median(floor.map((r) => r.cpu));
  rows.push([
    "floor: read the files, check nothing",
    `${floorRate.toFixed(0)} files/s; CPU: ${floorCpuRate.toFixed(0)} files/s`,
    `test/bench/read-floor.mjs: Node.js starts, takes the same paths and reads each file, as the CLI does before any check; ${RUNS} runs: ${spread(
      floor.map((r) => r.wall),
      "s",
    )} wall, ${spread(
      floor.map((r) => r.cpu),
      "s",
    )} CPU`,
  ]);
  await timeInProcess(paths.slice(0, 50)); // warm up
  const inProcess: number[] = [];
  for (let i = 0; i < RUNS; i++) inProcess.push(await timeInProcess(paths));
  rows.push([
    "etcetera lint, in-process",
    `${(files.length / median(inProcess)).toFixed(0)} files/s`,
    `runLint() of the CLI module, warm, reading files included; ${RUNS} runs: ${spread(inProcess, "s")}`,
  ]);
  if (existsSync(systemdAnalyze)) {
    const v = Array.from({ length: RUNS }, () => timeVerify(files));
    const dirRate = (v[0]?.files ?? 0) / median(v.map((r) => r.seconds));
    const dirCpuRate = (v[0]?.files ?? 0) / median(v.map((r) => r.cpu));
    rows.push([
      "systemd-analyze verify, per directory",
      `${dirRate.toFixed(0)} files/s; CPU: ${dirCpuRate.toFixed(0)} files/s`,
      `${v[0]?.files} files in ${v[0]?.batches} calls (one per package and scope, sequential); ${RUNS} runs: ${spread(
        v.map((r) => r.seconds),
        "s",
      )} wall, ${spread(
        v.map((r) => r.cpu),
        "s",
      )} CPU`,
    ]);
    const perFile = timeVerifyPerFile(files, PER_FILE_SAMPLE);
    const fileRate = 1 / median(perFile.map((t) => t.wall));
    const fileCpuRate = 1 / mean(perFile.map((t) => t.cpu));
    rows.push([
      "systemd-analyze verify, per file",
      `${fileRate.toFixed(0)} files/s; CPU: ${fileCpuRate.toFixed(0)} files/s`,
      `one call per unit on ${perFile.length} units spread over the corpus; per call ${spread(
        perFile.map((t) => t.wall * 1000),
        "ms",
        0,
      )}, p90 ${(
        percentile(
          perFile.map((t) => t.wall),
          90,
        ) * 1000
      ).toFixed(0)} ms wall; CPU ${(mean(perFile.map((t) => t.cpu)) * 1000).toFixed(0)} ms per call (mean)`,
    ]);
    rows.push([
      "lint ÷ verify",
      `wall: ${(lintRate / dirRate).toFixed(1)}× per directory, ${(lintRate / fileRate).toFixed(0)}× per file; CPU: ${(lintCpuRate / dirCpuRate).toFixed(1)}× per directory, ${(lintCpuRate / fileCpuRate).toFixed(0)}× per file`,
      "CLI whole run against each way of calling systemd-analyze verify, same files, same run",
    ]);
    rows.push([
      "floor ÷ verify",
      `wall: ${(floorRate / dirRate).toFixed(1)}× per directory, ${(floorRate / fileRate).toFixed(0)}× per file; CPU: ${(floorCpuRate / dirCpuRate).toFixed(1)}× per directory, ${(floorCpuRate / fileCpuRate).toFixed(0)}× per file`,
      "the most any linter reading these files in one Node.js process could reach: the ceiling of the row above",
    ]);
  } else rows.push(["systemd-analyze verify", "n/a", `${systemdAnalyze} is not installed`]);

  const startupRow = (label: string, t: { wall: number[]; cpu: number }, how: string): [string, string, string] => [
    label,
    `${spread(
      t.wall.map((x) => x * 1000),
      "ms",
      0,
    )}; CPU ${((t.cpu / t.wall.length) * 1000).toFixed(0)} ms`,
    `${how}; wall median (min–max), CPU mean of the runs`,
  ];
  rows.push(startupRow("startup: etcetera --version", timeBundle(["--version"], STARTUP_RUNS), `${STARTUP_RUNS} runs`));
  const one = files.find((f) => !f.dropIn)?.path;
  if (one)
    rows.push(
      startupRow(
        "startup: lint of one file",
        timeBundle(["lint", "--format", "json", one], STARTUP_RUNS),
        `${STARTUP_RUNS} runs of ${basename(one)}`,
      ),
    );
  const nodeCpu = childCpu();
  const nodeAlone = Array.from({ length: STARTUP_RUNS }, () => {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, ["-e", "0"]);
    return seconds(start);
  });
  rows.push(startupRow("startup: node -e 0", { wall: nodeAlone, cpu: childCpu() - nodeCpu }, "the floor: Node.js alone"));
  const skip = new Set((process.env.BENCH_SKIP ?? "").split(",").filter(Boolean));
  if (!skip.has("lsp")) {
    // The checks alone (no debounce), over JSON-RPC to the bundled server: a small unit and a large one.
    const small = await measureLatency(50, 200, false);
    const large = await measureLatency(5000, 200, false);
    for (const r of [small, large]) {
      rows.push([
        `change processed, ${r.lines}-line unit, no debounce`,
        r.processingMs.length > 0
          ? `median ${median(r.processingMs).toFixed(1)} ms, p99 ${percentile(r.processingMs, 99).toFixed(1)} ms`
          : "n/a",
        `inside the server (ETCETERA_TRACE_TIMING): from reading the change to handing its diagnostics to the transport; ${r.processingMs.length} edits, max ${r.processingMs.length > 0 ? Math.max(...r.processingMs).toFixed(1) : "n/a"} ms`,
      ]);
      rows.push([
        `change → diagnostics, ${r.lines}-line unit, no debounce`,
        `median ${median(r.latenciesMs).toFixed(1)} ms, p99 ${percentile(r.latenciesMs, 99).toFixed(1)} ms; server CPU ${r.serverCpuMsPerEdit === undefined ? "n/a" : `${r.serverCpuMsPerEdit.toFixed(1)} ms`} per edit (mean)`,
        `the round trip as the client sees it: ${r.edits} one-line edits over stdio, each until its version's diagnostics arrive (${r.diagnosticsPerPublish} diagnostics each); min ${Math.min(...r.latenciesMs).toFixed(1)} / max ${Math.max(...r.latenciesMs).toFixed(1)} ms`,
      ]);
    }
    const floor = await measureTransportFloor(200);
    rows.push([
      "transport floor, change → diagnostics",
      `median ${median(floor).toFixed(1)} ms, p99 ${percentile(floor, 99).toFixed(1)} ms`,
      "the same round trip to a server that checks nothing (test/bench/floor-server.mjs): pipes, event loops, the scheduler and the client; the rest of the row above is the check",
    ]);
    const deps = await measureDependents(10, 50);
    rows.push([
      "dependents re-checked, per file",
      `median ${median(deps.perFileMs).toFixed(1)} ms, p99 ${percentile(deps.perFileMs, 99).toFixed(1)} ms`,
      `a 50-line service edited ${deps.perFileMs.length} times with ${deps.dependents - 1} drop-ins and a timer open: until all ${deps.dependents} are published again, ÷ ${deps.dependents}`,
    ]);
    const mib = (kib: number | undefined) => (kib === undefined ? "n/a" : `${(kib / 1024).toFixed(1)} MiB`);
    rows.push([
      "server peak RSS",
      mib(large.peakRssKiB),
      `VmHWM after the 5,000-line edit run, started as the VS Code client starts it (${languageServerNodeFlags.join(" ")}); ${mib(large.baselineRssKiB)} right after initialize`,
    ]);
    // Another editor runs `etcetera lsp --stdio`, with Node's defaults: the same edits, for its memory and latency.
    const plain = await measureLatency(5000, 200, false, []);
    rows.push([
      "server peak RSS, Node defaults",
      mib(plain.peakRssKiB),
      `the same run as \`etcetera lsp --stdio\` starts from other editors (no flags): median ${median(plain.latenciesMs).toFixed(1)} ms, p99 ${percentile(plain.latenciesMs, 99).toFixed(1)} ms per change; ${mib(plain.baselineRssKiB)} right after initialize`,
    ]);
    // The debounce, on its own: the same edits with the server's adaptive delay (none for small documents).
    const smallDebounced = await measureLatency(50, 100, true);
    const largeDebounced = await measureLatency(5000, 100, true);
    rows.push([
      "debounce (adaptive), as typed",
      `50 lines: median ${median(smallDebounced.latenciesMs).toFixed(1)} ms; 5,000 lines: median ${median(largeDebounced.latenciesMs).toFixed(1)} ms`,
      "the same edits with the server's delay: none up to 1,000 lines, 40 ms above; the difference to the rows above is the delay",
    ]);
    const cold = await measureColdStart(10);
    rows.push([
      "server cold start",
      `median ${median(cold).toFixed(0)} ms`,
      `spawn → initialize response, 10 runs, min ${Math.min(...cold).toFixed(0)} / max ${Math.max(...cold).toFixed(0)} ms; bundle ${basename(bundlePath)}`,
    ]);
  }
  if (!skip.has("scale")) {
    // A fleet's configuration repository: 20,000 units and drop-ins, service and socket bodies from the corpus.
    const texts = (suffix: string) => files.filter((f) => !f.dropIn && f.path.endsWith(suffix)).map((f) => readFileSync(f.path, "utf8"));
    const scale = await measureScale(SCALE_FILES, SCALE_RUNS, { service: texts(".service"), socket: texts(".socket") });
    const runs = scale.runs;
    const f = scale.fleet;
    rows.push([
      "workspace scan, fleet repository",
      `${spread(
        runs.map((r) => r.scanMs / 1000),
        "s",
      )} wall; CPU ${spread(
        runs.map((r) => r.scanCpuMs / 1000),
        "s",
      )}`,
      `${f.files} units and drop-ins (${f.dropIns} drop-ins) + ${f.links} .wants links in ${f.directories} directories, ${(f.bytes / 1e6).toFixed(1)} MB; ${runs[0]?.systemdFiles} systemd files indexed; initialized → "workspace scan done", ${runs.length} server starts`,
    ]);
    const kib = (xs: (number | undefined)[]) =>
      spread(
        xs.map((x) => (x ?? Number.NaN) / 1024),
        "MiB",
        0,
      );
    rows.push([
      "server RSS with the fleet indexed",
      `${kib(runs.map((r) => r.rssAfterScanKiB))} after the scan; peak ${kib(runs.map((r) => r.peakRssKiB))}`,
      `VmRSS right after the scan, VmHWM at the end of the run; the index itself retains ${scale.indexBytesPerFile === undefined ? "n/a" : `${scale.indexBytesPerFile.toFixed(0)} bytes`} of heap per systemd file`,
    ]);
    rows.push([
      "first diagnostics while the scan runs",
      `${spread(
        runs.map((r) => r.firstDiagnosticsDuringScanMs),
        "ms",
        0,
      )}; hover ${spread(
        runs.map((r) => r.hoverMs),
        "ms",
        0,
      )}`,
      `a unit opened right after initialized: before the scan's end in ${runs.filter((r) => r.diagnosticsDuringScan).length}/${runs.length} runs (hover: ${runs.filter((r) => r.hoverDuringScan).length}/${runs.length})`,
    ]);
    rows.push([
      "first diagnostics after the scan",
      spread(
        runs.map((r) => r.firstDiagnosticsAfterScanMs),
        "ms",
        0,
      ),
      `a timer of the fleet opened once the scan is done, until its diagnostics arrive; fleet written in ${(scale.generateMs / 1000).toFixed(1)} s`,
    ]);
  }
  console.log(`\n${table(rows)}`);

  // The other engines and the editor and host round trips; each part can be skipped by name in BENCH_SKIP.
  if (!skip.has("calendar")) console.log(`\n${formatCalendarBench(await benchCalendar())}`);
  if (!skip.has("security")) console.log(`\n${formatSecurityBench(await benchSecurity(RUNS))}`);
  if (!skip.has("editor")) console.log(`\nreal VS Code (code-server)\n${table(await measureEditor())}`);
  if (!skip.has("remote")) console.log(`\nremote host (systemd-nspawn over SSH)\n${table(await measureRemote())}`);
}

await main();
