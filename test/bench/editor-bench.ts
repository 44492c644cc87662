/**
 * Editor numbers for `npm run bench`, measured in a real VS Code (code-server,
 * installed into .cache/editors by test/editors/install.sh) with the packaged
 * .vsix installed: extension activation and first diagnostics after opening a
 * unit, and the .vsix size. Each run is a fresh code-server and extension host.
 *
 *   import { measureEditor } from "./editor-bench.js";
 *   rows.push(...(await measureEditor()));
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { ensurePackaged } from "../editors/lib/build.js";
import { startCodeServer } from "../editors/lib/code-server.js";
import { installEditor, removeScratch, repoRoot, scratchDir } from "../editors/lib/install.js";
import { openWorkbench } from "../editors/lib/workbench.js";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (x: number) => `${x.toFixed(0)} ms`;

/** A unit of ordinary size with one mistake, as opened in the measurement. */
const unit = `[Unit]
Description=Web application
After=network-online.target
Wants=network-online.target

[Service]
Type=notify
User=www-data
ExecStart=/usr/bin/app --port 8080
Restrat=on-failure
ProtectSystem=strict
PrivateTmp=yes

[Install]
WantedBy=multi-user.target
`;

interface ProbeResult {
  activationMs: number;
  firstDiagnosticsMs: number;
}

async function once(work: string, vsix: string, probe: string, i: number): Promise<ProbeResult> {
  const folder = join(work, `workspace-${i}`);
  const server = await startCodeServer({ scratch: join(work, `code-server-${i}`), smokeTestDriver: true, vsix: [vsix] });
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "app.service"), unit);
    const workbench = await openWorkbench(server, {
      folder,
      extensionDevelopmentPath: join(repoRoot, "test/bench/editor-probe"),
      extensionTestsPath: probe,
    });
    try {
      const timeout = new Promise<number>((r) => setTimeout(() => r(-1), 120_000).unref());
      const code = await Promise.race([workbench.exitCode, timeout]);
      if (code !== 0) throw new Error(`the editor probe failed (exit ${code})`);
    } finally {
      await workbench.close();
    }
    return JSON.parse(readFileSync(join(folder, "bench-result.json"), "utf8")) as ProbeResult;
  } finally {
    await server.stop();
  }
}

/** Rows of [measure, value, how], like bench.ts's table. */
export async function measureEditor(runs = Number(process.env.BENCH_RUNS ?? 3)): Promise<[string, string, string][]> {
  installEditor("code-server");
  const vsix = ensurePackaged();
  const work = scratchDir("bench");
  try {
    const probe = join(work, "probe.cjs");
    await build({
      entryPoints: [join(repoRoot, "test/bench/editor-probe/probe.ts")],
      outfile: probe,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      external: ["vscode"],
      logLevel: "error",
    });
    const results: ProbeResult[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await once(work, vsix, probe, i);
      console.error(`editor bench run ${i + 1}/${runs}: activation ${ms(r.activationMs)}, first diagnostics ${ms(r.firstDiagnosticsMs)}`);
      results.push(r);
    }
    const how = `median of ${runs} fresh code-server 4.139.1 (VS Code 1.139.1) windows, .vsix installed; clock starts at openTextDocument`;
    return [
      [
        "editor: extension activation",
        ms(median(results.map((r) => r.activationMs))),
        `open a unit → activate() resolved (server started over IPC); ${how}`,
      ],
      [
        "editor: first diagnostics",
        ms(median(results.map((r) => r.firstDiagnosticsMs))),
        `open a unit → its diagnostics in VS Code; ${how}`,
      ],
      [".vsix size", `${(statSync(vsix).size / 1024).toFixed(0)} KiB`, "vsce package --no-dependencies (bundled client and server)"],
    ];
  } finally {
    removeScratch(work);
  }
}
