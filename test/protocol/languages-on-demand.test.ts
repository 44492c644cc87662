/**
 * The server loads a language when the first document of its kind needs it
 * (each is a bundle chunk of its own). A request sent right after the first
 * didOpen of a kind, before any diagnostics, is answered as by a server that
 * had every language loaded, and the document's diagnostics follow.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { DocumentSymbol, FoldingRange } from "vscode-languageserver-protocol";
import { ensureBundle } from "../helpers/bundle.js";
import { LspServer } from "../helpers/lsp-client.js";

const documents = [
  {
    kind: "cron",
    uri: "file:///on-demand/etc/cron.d/backup",
    languageId: "crontab",
    text: "# nightly\n0 3 * * * root /usr/bin/backup\n61 * * * * root /usr/bin/report\n",
    code: "cron/field-range",
  },
  {
    kind: "netplan",
    uri: "file:///on-demand/etc/netplan/01-lan.yaml",
    languageId: "netplan",
    text: "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: maybe\n",
    code: "netplan/invalid-value",
  },
  {
    kind: "logrotate",
    uri: "file:///on-demand/etc/logrotate.d/app",
    languageId: "logrotate",
    text: "/var/log/app/*.log {\n    rotate 7\n    dialy\n}\n",
    code: "logrotate/unknown-directive",
  },
  {
    kind: "systemd",
    uri: "file:///on-demand/etc/systemd/system/app.service",
    languageId: "systemd-unit",
    text: "[Unit]\nDescription=App\n\n[Service]\nExecStart=/usr/bin/app\nRestrat=always\n",
    code: "systemd/unknown-directive",
  },
];

describe("languages loaded on demand by the server", { timeout: 60_000 }, () => {
  let server: LspServer;

  before(async () => {
    ensureBundle();
    server = LspServer.start({ settings: {} });
    await server.initialize();
  });

  after(async () => {
    await server.shutdown().catch(() => undefined);
    server.kill();
  });

  for (const d of documents) {
    it(`answers the first ${d.kind} document's requests sent right after it opens, then publishes its diagnostics`, async () => {
      await server.open(d.uri, d.text, 1, d.languageId);
      const [symbols, folding] = await Promise.all([
        server.request<DocumentSymbol[]>("textDocument/documentSymbol", { textDocument: { uri: d.uri } }),
        server.request<FoldingRange[]>("textDocument/foldingRange", { textDocument: { uri: d.uri } }),
      ]);
      assert.ok(symbols.length > 0, `symbols of ${d.uri}`);
      assert.ok(Array.isArray(folding));
      const published = await server.diagnostics(d.uri, (p) => p.version === 1, { timeoutMs: 20_000 });
      assert.ok(
        published.diagnostics.some((x) => x.code === d.code),
        `${d.code} in ${published.diagnostics.map((x) => x.code).join(", ")}`,
      );
    });
  }
});
