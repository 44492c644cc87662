/**
 * ETCETERA_TRACE_TIMING=1: the bundled server logs how long each check of a change took, measured inside
 * the server (what the bench reports as "change processed"); without it, it logs nothing of the kind.
 * Changes read together are checked once and timed once, from the first of them.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { serverTimings } from "../bench/lsp-bench.js";
import { ensureBundle } from "../helpers/bundle.js";
import { LspServer } from "../helpers/lsp-client.js";

const uri = "file:///timing/app.service";
const text = "[Service]\nExecStart=/usr/bin/app\nRestartSec=1s\n";

async function editThreeTimes(env: NodeJS.ProcessEnv): Promise<LspServer> {
  const server = LspServer.start({ settings: {}, env: { ETCETERA_VALIDATION_DELAY_MS: "0", ...env } });
  await server.initialize();
  await server.open(uri, text, 1);
  await server.diagnostics(uri, (p) => p.version === 1);
  for (const version of [2, 3, 4]) {
    const from = server.published.length;
    await server.change(uri, version, [
      { range: { start: { line: 2, character: 11 }, end: { line: 2, character: 12 } }, text: String(version) },
    ]);
    await server.diagnostics(uri, (p) => p.version === version, { from });
  }
  return server;
}

describe("language server: timing of checks (ETCETERA_TRACE_TIMING)", { timeout: 60_000 }, () => {
  before(() => ensureBundle());

  it("logs one timing per edited version, in milliseconds", async () => {
    const server = await editThreeTimes({ ETCETERA_TRACE_TIMING: "1" });
    // The answer to shutdown comes after every message the server sent before it.
    await server.shutdown();
    const lines = server.logMessages.filter((m) => m.startsWith("timing "));
    assert.deepEqual(
      lines.map((l) => l.split(" ").slice(0, 3).join(" ")).filter((l) => !l.endsWith(" v1")),
      [2, 3, 4].map((v) => `timing ${uri} v${v}`),
    );
    const ms = serverTimings(server.logMessages, uri, 2);
    assert.equal(ms.length, 3);
    for (const t of ms) assert.ok(Number.isFinite(t) && t >= 0, `a duration, not ${t}`);
  });

  it("logs nothing without the variable", async () => {
    const server = await editThreeTimes({});
    await server.shutdown();
    assert.deepEqual(
      server.logMessages.filter((m) => m.startsWith("timing ")),
      [],
    );
  });
});
