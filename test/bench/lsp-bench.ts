/**
 * Language-server measurements over stdio, with the bundled server: cold
 * start (spawn → initialize response), didChange → publishDiagnostics
 * latency on a generated 5,000-line unit, and the server's peak RSS.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { languageServerNodeFlags } from "../../server/src/core/server-flags.js";
import { LspServer } from "../helpers/lsp-client.js";
import { procMemoryKiB } from "./proc-status.js";

export interface LatencyResult {
  lines: number;
  edits: number;
  latenciesMs: number[];
  /** VmHWM of the server process after the run: its peak resident set. */
  peakRssKiB: number | undefined;
  /** VmRSS right after initialize, before any document: the baseline. */
  baselineRssKiB: number | undefined;
  diagnosticsPerPublish: number;
  /** CPU time (user + system, from /proc) the server spent per edit: on a shared machine wall time measures the neighbours too. */
  serverCpuMsPerEdit: number | undefined;
  /**
   * Per edit, as the server measured it (ETCETERA_TRACE_TIMING): from reading the change to handing its
   * diagnostics to the transport. Empty with the debounce on (the delay would be counted).
   */
  processingMs: number[];
}

/** A realistic, large unit: the usual directives, long environment and pre-start lists, comments, a few mistakes. */
export function generatedUnit(lines: number): string {
  const out = ["[Unit]", "Description=Generated unit for the latency bench", "After=network.target", "", "[Service]"];
  out.push("Type=simple", "ExecStart=/usr/bin/app --config /etc/app.conf", "Restart=on-failure", "RestartSec=5s");
  for (let i = 0; out.length < lines - 3; i++) {
    switch (i % 5) {
      case 0:
        out.push(`# step ${i}: what the next lines are for`);
        break;
      case 1:
        out.push(`Environment=APP_SETTING_${i}=value-${i}`);
        break;
      case 2:
        out.push(`ExecStartPre=/usr/bin/prepare --step ${i}`);
        break;
      case 3:
        out.push(i % 500 === 3 ? `Restrat=always` : `ReadWritePaths=/var/lib/app/${i}`);
        break;
      default:
        out.push(`ExecStartPost=/usr/bin/notify --step ${i}`);
    }
  }
  out.push("", "[Install]", "WantedBy=multi-user.target");
  return `${out.join("\n")}\n`;
}

/** User + system CPU time of a process in milliseconds, from /proc (clock ticks of 10 ms). */
export function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Times `edits` single-line incremental edits, each until the diagnostics of
 * its version arrive. `debounce: false` starts the server with
 * ETCETERA_VALIDATION_DELAY_MS=0, so the time is the check and the JSON-RPC
 * round trip alone; `true` keeps the server's own (adaptive) delay. The server
 * runs with the Node.js flags the VS Code client gives it, unless `nodeArgs`
 * says otherwise (`[]`: as `etcetera lsp --stdio` runs from another editor).
 */
export async function measureLatency(
  lines = 5000,
  edits = 200,
  debounce = true,
  nodeArgs: readonly string[] = languageServerNodeFlags,
): Promise<LatencyResult> {
  const env = debounce ? {} : { ETCETERA_VALIDATION_DELAY_MS: "0", ETCETERA_TRACE_TIMING: "1" };
  const server = LspServer.start({ settings: {}, env, nodeArgs: [...nodeArgs] });
  try {
    await server.initialize();
    const baselineRssKiB = procMemoryKiB(server.process.pid, "VmRSS");
    const uri = `file:///bench/generated-${lines}.service`;
    const text = generatedUnit(lines);
    const docLines = text.split("\n");
    await server.open(uri, text, 1);
    const first = await server.diagnostics(uri, (p) => p.version === 1, { timeoutMs: 30_000 });
    // Edit the value of Environment= lines spread over the whole file, as someone working through it would.
    const editable = docLines.flatMap((l, i) => (l.startsWith("Environment=") ? [i] : []));
    const latenciesMs: number[] = [];
    const cpuBefore = cpuMs(server.process.pid);
    for (let k = 0; k < edits; k++) {
      const line = editable[(k * 37) % editable.length] as number;
      const current = docLines[line] as string;
      const replacement = `${current.replace(/-edit\d+$/, "")}-edit${k}`;
      docLines[line] = replacement;
      const version = k + 2;
      const from = server.published.length;
      const start = process.hrtime.bigint();
      await server.change(uri, version, [
        { range: { start: { line, character: 0 }, end: { line, character: current.length } }, text: replacement },
      ]);
      await server.diagnostics(uri, (p) => p.version === version, { from, timeoutMs: 30_000 });
      latenciesMs.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const cpuAfter = cpuMs(server.process.pid);
    const serverCpuMsPerEdit = cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / edits;
    const peakRssKiB = procMemoryKiB(server.process.pid, "VmHWM");
    await server.shutdown();
    return {
      lines: docLines.length,
      edits,
      latenciesMs,
      peakRssKiB,
      baselineRssKiB,
      diagnosticsPerPublish: first.diagnostics.length,
      serverCpuMsPerEdit,
      processingMs: serverTimings(server.logMessages, uri, 2),
    };
  } finally {
    server.kill();
  }
}

/** The server's own `timing <uri> v<version> <ms>` lines for `uri`, from `fromVersion` on (the edits, not the open). */
export function serverTimings(logMessages: readonly string[], uri: string, fromVersion: number): number[] {
  const out: number[] = [];
  for (const line of logMessages) {
    const [word, forUri, version, ms] = line.split(" ");
    if (word === "timing" && forUri === uri && Number(version?.slice(1)) >= fromVersion) out.push(Number(ms));
  }
  return out;
}

/**
 * The transport floor: the same edits as `measureLatency` against a server that does nothing but answer each
 * change with empty diagnostics (test/bench/floor-server.mjs, the same JSON-RPC library as ours). What is left
 * of a round trip when the check takes no time: the pipes, two event loops, the scheduler, the client.
 */
export async function measureTransportFloor(edits = 200): Promise<number[]> {
  const server = LspServer.start({ settings: {}, entry: floorServer });
  try {
    await server.initialize();
    const uri = "file:///bench/floor.service";
    await server.open(uri, "[Unit]\n", 1);
    await server.diagnostics(uri, (p) => p.version === 1, { timeoutMs: 30_000 });
    const latenciesMs: number[] = [];
    for (let k = 0; k < edits; k++) {
      const version = k + 2;
      const from = server.published.length;
      const start = process.hrtime.bigint();
      await server.change(uri, version, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } }, text: "[Unit]" }]);
      await server.diagnostics(uri, (p) => p.version === version, { from, timeoutMs: 30_000 });
      latenciesMs.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    await server.shutdown();
    return latenciesMs;
  } finally {
    server.kill();
  }
}

const floorServer = fileURLToPath(new URL("floor-server.mjs", import.meta.url));

export interface DependentsResult {
  dependents: number;
  /** Per edit: from the didChange of the service until every dependent's diagnostics were published again, divided by their number. */
  perFileMs: number[];
}

/**
 * Re-checking the dependents of a changed file: a service with `dropIns`
 * drop-ins and a timer, all open; each edit of the service (no debounce) is
 * timed until every drop-in and the timer have been published again.
 */
export async function measureDependents(dropIns = 10, edits = 50): Promise<DependentsResult> {
  const server = LspServer.start({ settings: {}, env: { ETCETERA_VALIDATION_DELAY_MS: "0" }, nodeArgs: [...languageServerNodeFlags] });
  try {
    await server.initialize();
    const base = "file:///bench/deps";
    const service = `${base}/app.service`;
    const serviceText = generatedUnit(50);
    await server.open(service, serviceText, 1);
    const dependents: string[] = [];
    for (let i = 0; i < dropIns; i++) {
      const uri = `${base}/app.service.d/${String(i).padStart(2, "0")}-part.conf`;
      dependents.push(uri);
      await server.open(uri, `[Service]\nEnvironment=PART_${i}=on\nRestartSec=${i + 1}s\n`, 1);
    }
    const timer = `${base}/app.timer`;
    dependents.push(timer);
    await server.open(timer, "[Timer]\nOnCalendar=daily\nUnit=app.service\n\n[Install]\nWantedBy=timers.target\n", 1);
    for (const uri of [service, ...dependents]) await server.diagnostics(uri, () => true, { timeoutMs: 30_000 });
    const lines = serviceText.split("\n");
    const line = lines.findIndex((l) => l.startsWith("RestartSec="));
    const perFileMs: number[] = [];
    for (let k = 0; k < edits; k++) {
      const current = lines[line] as string;
      const replacement = `RestartSec=${(k % 9) + 1}s`;
      lines[line] = replacement;
      const from = server.published.length;
      const start = process.hrtime.bigint();
      await server.change(service, k + 2, [
        { range: { start: { line, character: 0 }, end: { line, character: current.length } }, text: replacement },
      ]);
      for (const uri of dependents) await server.diagnostics(uri, () => true, { from, timeoutMs: 30_000 });
      perFileMs.push(Number(process.hrtime.bigint() - start) / 1e6 / dependents.length);
    }
    await server.shutdown();
    return { dependents: dependents.length, perFileMs };
  } finally {
    server.kill();
  }
}

/** Spawn → initialize response, `runs` times, each with a fresh process. */
export async function measureColdStart(runs = 10): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const server = LspServer.start({ settings: {}, nodeArgs: [...languageServerNodeFlags] });
    try {
      await server.initialize();
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      await server.shutdown();
    } finally {
      server.kill();
    }
  }
  return times;
}
