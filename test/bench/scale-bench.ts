/**
 * The language server in a fleet's configuration repository: 20,000 unit files
 * and drop-ins (test/helpers/fleet-workspace.ts, service and socket bodies
 * taken from the corpus), with the bundled server over stdio. Per run: the
 * initial workspace scan (wall time and the server's CPU time from
 * `initialized` to its "workspace scan done" log), the server's RSS after the
 * scan and its peak, a hover and the first diagnostics of a unit opened right
 * after `initialized` (while the scan runs), and the first diagnostics of
 * another unit opened after the scan. In-process, the index's own memory:
 * the heap it retains per systemd file after a scan of the same tree.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Hover } from "vscode-languageserver-protocol";
import { languageServerNodeFlags } from "../../server/src/core/server-flags.js";
import { UnitNameIndex } from "../../server/src/features/workspace-index.js";
import { type Fleet, writeFleetWorkspace } from "../helpers/fleet-workspace.js";
import { LspServer, uriOf } from "../helpers/lsp-client.js";
import { procMemoryKiB } from "./proc-status.js";

export interface ScaleRun {
  scanMs: number;
  scanCpuMs: number;
  systemdFiles: number;
  rssAfterScanKiB: number | undefined;
  peakRssKiB: number | undefined;
  /** A hover on the unit opened right after initialized: its round trip, and whether it came before the scan's end. */
  hoverMs: number;
  hoverDuringScan: boolean;
  firstDiagnosticsDuringScanMs: number;
  diagnosticsDuringScan: boolean;
  firstDiagnosticsAfterScanMs: number;
}

export interface ScaleResult {
  fleet: Fleet;
  generateMs: number;
  runs: ScaleRun[];
  /** Heap the index retains after a scan, per systemd file (bytes), in this process. */
  indexBytesPerFile: number | undefined;
}

/** User + system CPU milliseconds of a process so far (/proc/PID/stat, clock ticks of 10 ms). */
export function cpuMsOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
    .replace(/^.*\) /s, "")
    .split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const since = (start: number) => performance.now() - start;

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`scale bench: waited ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function oneRun(root: string, fleet: Fleet): Promise<ScaleRun> {
  const server = LspServer.start({ workspaceFolders: [root], nodeArgs: [...languageServerNodeFlags] });
  const pid = server.process.pid;
  const scanDone = () => server.logMessages.some((m) => m.startsWith("workspace scan done"));
  try {
    await server.initialize();
    const cpuBefore = cpuMsOf(pid);
    const start = performance.now();
    const uri = uriOf(fleet.service);
    await server.open(uri, readFileSync(fleet.service, "utf8"));
    const hoverStart = performance.now();
    const hover = await server.request<Hover | null>("textDocument/hover", { textDocument: { uri }, position: { line: 1, character: 2 } });
    const hoverMs = since(hoverStart);
    const hoverDuringScan = !scanDone() && hover !== undefined;
    await server.diagnostics(uri, () => true, { timeoutMs: 120_000 });
    const firstDiagnosticsDuringScanMs = since(start);
    const diagnosticsDuringScan = !scanDone();
    await until(scanDone, 600_000);
    const scanMs = since(start);
    const scanCpuMs = cpuMsOf(pid) - cpuBefore;
    const systemdFiles = Number(/done: (\d+)/.exec(server.logMessages.find((m) => m.startsWith("workspace scan done")) ?? "")?.[1]);
    const rssAfterScanKiB = procMemoryKiB(pid, "VmRSS");
    const timer = uriOf(fleet.timer);
    const afterStart = performance.now();
    await server.open(timer, readFileSync(fleet.timer, "utf8"));
    await server.diagnostics(timer, () => true, { timeoutMs: 60_000 });
    const firstDiagnosticsAfterScanMs = since(afterStart);
    return {
      scanMs,
      scanCpuMs,
      systemdFiles,
      rssAfterScanKiB,
      peakRssKiB: procMemoryKiB(pid, "VmHWM"),
      hoverMs,
      hoverDuringScan,
      firstDiagnosticsDuringScanMs,
      diagnosticsDuringScan,
      firstDiagnosticsAfterScanMs,
    };
  } finally {
    server.kill();
  }
}

/** The heap a scan of `root` leaves behind in this process, per systemd file; undefined when gc cannot be had. */
async function indexBytesPerFile(root: string): Promise<number | undefined> {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as (() => void) | undefined;
  if (typeof gc !== "function") return undefined;
  gc();
  const before = process.memoryUsage().heapUsed;
  const index = new UnitNameIndex();
  await index.scan([root], 1_000_000);
  gc();
  const retained = process.memoryUsage().heapUsed - before;
  return retained / index.systemdFiles().length;
}

/** Generates the fleet from `bodies` (corpus units), then measures `runs` server starts in it. */
export async function measureScale(
  files: number,
  runs: number,
  bodies: { service: readonly string[]; socket: readonly string[] },
): Promise<ScaleResult> {
  const root = mkdtempSync(join(tmpdir(), "etcetera-bench-fleet-"));
  try {
    const generateStart = performance.now();
    const fleet = writeFleetWorkspace(root, { files, bodies });
    const generateMs = since(generateStart);
    const out: ScaleRun[] = [];
    for (let i = 0; i < runs; i++) out.push(await oneRun(root, fleet));
    return { fleet, generateMs, runs: out, indexBytesPerFile: await indexBytesPerFile(root) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
