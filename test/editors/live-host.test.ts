/**
 * The live host in a real VS Code (code-server, through
 * test/editors/integration/run.ts) against a real systemd host
 * (test/remote/host/test-host.ts): open a unit as the host has it, edit a
 * copy and save it to deploy it, compare with the host in a diff editor, the
 * unit's page and its actions, unreachable and sudo-with-password hosts
 * (suite/live-host.spec.ts). The host reaches the extension as in
 * deploy.test.ts: an alias and a PATH whose `ssh` reads the host's config.
 * Needs root, like the remote tests.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { hostFile, startTestHost } from "../remote/host/test-host.js";
import { runIntegrationTests } from "./integration/run.js";

const notRoot = process.getuid?.() !== 0 ? "needs root: the test host is a systemd-nspawn container" : false;

describe("the live host in a real VS Code, on a real systemd host", { timeout: 900_000, skip: notRoot }, () => {
  it("opens, edits and deploys, compares, and acts on a unit from the editor", async () => {
    const started = Date.now();
    const host = await startTestHost("live");
    const hostUp = Date.now();
    try {
      host.sh(`cat > /etc/systemd/system/live.service <<'EOF'
[Unit]
Description=Live one

[Service]
ExecStart=/bin/sh -c 'echo live says hello; exec sleep infinity'

[Install]
WantedBy=multi-user.target
EOF
mkdir -p /etc/systemd/system/live.service.d
printf '[Service]\\nNice=5\\n' > /etc/systemd/system/live.service.d/10-nice.conf
systemctl daemon-reload && systemctl enable --now live.service`);
      const ssh = spawnSync("sh", ["-c", "command -v ssh"], { encoding: "utf8" }).stdout.trim();
      assert.ok(ssh, "ssh is installed");
      const bin = join(host.dir, "bin");
      mkdirSync(bin);
      writeFileSync(join(bin, "ssh"), `#!/bin/sh\nexec '${ssh}' -F '${host.sshConfig}' "$@"\n`);
      chmodSync(join(bin, "ssh"), 0o755);

      const code = await runIntegrationTests({
        label: "live-host",
        env: {
          ETCETERA_TEST_HOST_ALIAS: host.alias,
          ETCETERA_TEST_SUITE: "live-host",
          PATH: `${bin}:${process.env.PATH ?? ""}`,
          VSCODE_CLI: "1",
          ETCETERA_SSH_CONTROL_DIR: host.controlDir,
        },
      });
      assert.equal(code, 0, "the live-host suite passes in the extension host (its output is above)");
      // Seen from outside the editor: the saved copy is what the host runs, the unit is active again.
      assert.match(hostFile(host, "etc/systemd/system/live.service") ?? "", /^Description=Live two$/m);
      assert.equal(host.run("systemctl is-active live.service").stdout.trim(), "active");
    } finally {
      const stopping = Date.now();
      await host.stop();
      const s = (a: number, b: number) => ((b - a) / 1000).toFixed(1);
      console.log(
        `# live host in VS Code: host start ${s(started, hostUp)} s, editor + suite ${s(hostUp, stopping)} s, host stop ${s(stopping, Date.now())} s`,
      );
    }
  });
});
