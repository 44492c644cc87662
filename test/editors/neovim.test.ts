/**
 * The server works beyond VS Code: Debian's Neovim, headless, is the LSP
 * client of `etcetera lsp --stdio` (test/editors/neovim/check.lua) and gets
 * diagnostics and completion on a unit file. Neovim is installed on first use;
 * an install failure fails this test.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { ensureBuilt } from "./lib/build.js";
import { installEditor, repoRoot } from "./lib/install.js";

describe("Neovim as the LSP client", () => {
  before(() => {
    installEditor("neovim");
    ensureBuilt();
  });

  it("gets diagnostics (with its settings) and completion from etcetera lsp --stdio", () => {
    const started = Date.now();
    const r = spawnSync(
      "nvim",
      ["--headless", "--clean", "-n", "-i", "NONE", "-u", "NONE", "-c", "luafile test/editors/neovim/check.lua"],
      {
        cwd: repoRoot,
        encoding: "utf8",
        timeout: 60_000,
        env: {
          ...process.env,
          ETCETERA_SERVER: join(repoRoot, "server/dist/etcetera.cjs"),
          ETCETERA_UNIT: join(repoRoot, "test/editors/fixtures/neovim/app.service"),
        },
      },
    );
    assert.equal(r.status, 0, `nvim exited with ${r.status ?? r.signal}:\n${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /diagnostic: Unknown directive 'Restrat'/);
    assert.match(r.stdout, /settings: RestartSteps= was added in systemd 254/);
    assert.match(r.stdout, /completion: \d+ items, Restart inserts Restart=/);
    console.log(`neovim: ${Date.now() - started} ms`);
  });
});
