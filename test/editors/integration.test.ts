/**
 * The extension's integration tests (test/editors/integration/suite, mocha in
 * the extension host) in a real VS Code, through @vscode/test-electron's
 * runTests(). On this kind of machine the VS Code is code-server, installed
 * into .cache/editors on first use; an install failure fails this test.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runIntegrationTests } from "./integration/run.js";

describe("extension in a real VS Code", () => {
  it("passes the integration suite: diagnostics, completion, hover, quick fix, symbols, settings, restart", async () => {
    const started = Date.now();
    assert.equal(await runIntegrationTests(), 0);
    console.log(`integration suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
