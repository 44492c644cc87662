/**
 * "Deploy and Restart", the Hosts view and Show Logs in a real VS Code
 * (code-server, through test/editors/integration/run.ts) against a real
 * systemd host (test/remote/host/test-host.ts: systemd-nspawn, ssh on
 * loopback). The extension host gets the host through its environment:
 * ETCETERA_TEST_HOST_ALIAS, which selects suite/deploy.spec.ts, and a PATH
 * whose first `ssh` reads the host's ssh config — the extension runs plain
 * `ssh ALIAS`, as it would with the alias in a user's ~/.ssh/config (OpenSSH
 * reads ~/.ssh from the passwd entry, not $HOME, so a wrapper is the way to
 * hand it another config). Needs root, like the remote tests.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { hostFile, startTestHost } from "../remote/host/test-host.js";
import { runIntegrationTests } from "./integration/run.js";

const unit = "etcetera-hello.service";
const notRoot = process.getuid?.() !== 0 ? "needs root: the test host is a systemd-nspawn container" : false;

describe("Deploy and Restart in a real VS Code, to a real systemd host", { timeout: 600_000, skip: notRoot }, () => {
  it("deploys a unit from the editor, shows it active in the Hosts view, and shows its journal", async () => {
    const started = Date.now();
    const host = await startTestHost("vscode");
    const hostUp = Date.now();
    try {
      const ssh = spawnSync("sh", ["-c", "command -v ssh"], { encoding: "utf8" }).stdout.trim();
      assert.ok(ssh, "ssh is installed");
      const bin = join(host.dir, "bin");
      mkdirSync(bin);
      writeFileSync(join(bin, "ssh"), `#!/bin/sh\nexec '${ssh}' -F '${host.sshConfig}' "$@"\n`);
      chmodSync(join(bin, "ssh"), 0o755);
      // An Ansible inventory with the host in a group, for the Hosts view's grouping.
      const inventory = join(host.dir, "inventory.yml");
      writeFileSync(inventory, `all:\n  children:\n    web:\n      hosts:\n        ${host.alias}:\n`);

      const code = await runIntegrationTests({
        label: "deploy",
        env: {
          ETCETERA_TEST_HOST_ALIAS: host.alias,
          ETCETERA_TEST_INVENTORY: inventory,
          PATH: `${bin}:${process.env.PATH ?? ""}`,
          // VS Code's server replaces the PATH of the extension host with a login shell's unless told the environment already is one.
          VSCODE_CLI: "1",
          // ssh connection masters go where host.stop() closes them.
          ETCETERA_SSH_CONTROL_DIR: host.controlDir,
        },
      });
      assert.equal(code, 0, "the deploy suite passes in the extension host (its output is above)");
      // Seen from outside the editor too: the file the editor deployed is installed and its service runs.
      assert.match(hostFile(host, `etc/systemd/system/${unit}`) ?? "", /hello from etcetera-hello/);
      assert.equal(host.run(`systemctl is-active ${unit}`).stdout.trim(), "active");
    } finally {
      const stopping = Date.now();
      await host.stop();
      const s = (a: number, b: number) => ((b - a) / 1000).toFixed(1);
      console.log(
        `# deploy in VS Code: host start ${s(started, hostUp)} s, editor + suite ${s(hostUp, stopping)} s, host stop ${s(stopping, Date.now())} s`,
      );
    }
  });
});
