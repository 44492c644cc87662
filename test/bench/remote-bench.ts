/**
 * Remote numbers for `npm run bench`: one deploy-and-restart round trip to the
 * test systemd host (nspawn, over ssh on loopback) and a status refresh of 20
 * units. Starts and stops its own host (test/remote/host/test-host.ts).
 *
 *   import { measureRemote } from "./remote-bench.js";
 *   rows.push(...(await measureRemote()));
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultSettings } from "../../server/src/core/settings.js";
import { defaultWaitSeconds, deploy } from "../../server/src/remote/deploy.js";
import { resolveHost } from "../../server/src/remote/hosts.js";
import { SshTransport } from "../../server/src/remote/ssh.js";
import { queryStatus } from "../../server/src/remote/status.js";
import { startTestHost } from "../remote/host/test-host.js";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (x: number) => `${x.toFixed(0)} ms`;

/** Rows of [measure, value, how], like bench.ts's table. */
export async function measureRemote(runs = Number(process.env.BENCH_RUNS ?? 5)): Promise<[string, string, string][]> {
  const t0 = Date.now();
  const host = await startTestHost("bench");
  const start = Date.now() - t0;
  const dir = mkdtempSync(join(tmpdir(), "etcetera-bench-"));
  try {
    const resolved = resolveHost(host.alias, [], { sshConfig: host.sshConfig });
    const transport = new SshTransport(resolved.target, { controlDir: host.controlDir });
    const file = join(dir, "bench.service");
    const unit = (i: number) =>
      `[Unit]\nDescription=bench ${i}\n\n[Service]\nExecStart=/bin/sh -c 'echo run ${i}; exec sleep infinity'\n\n[Install]\nWantedBy=multi-user.target\n`;
    const once = async (i: number, waitSeconds = defaultWaitSeconds) => {
      const t = performance.now();
      const r = await deploy({ file, text: unit(i), host: resolved, transport, settings: defaultSettings, waitSeconds });
      if (!r.ok) throw new Error(`bench deploy failed: ${r.message}`);
      return performance.now() - t;
    };
    const first = await once(0); // first deploy: new connection, enable --now
    const deploys: number[] = [];
    for (let i = 1; i <= runs; i++) deploys.push(await once(i));
    // The health window follows --wait: one round trip with a 10 s window shows the cost beyond it.
    const wait10 = await once(runs + 1, 10);
    const units = Array.from({ length: 20 }, (_, i) => `bench${i}.service`);
    host.sh(
      `for i in $(seq 0 19); do printf '[Service]\\nExecStart=/bin/sleep infinity\\n' > /etc/systemd/system/bench$i.service; done; systemctl daemon-reload; systemctl start ${units.join(" ")}`,
    );
    const statuses: number[] = [];
    for (let i = 0; i < runs * 2 + 1; i++) {
      const t = performance.now();
      const s = await queryStatus(transport, units, { scope: "system", sudo: true, where: host.alias });
      if (s.length !== 20) throw new Error("bench status: wrong count");
      statuses.push(performance.now() - t);
    }
    const fresh = new SshTransport(resolved.target, { reuse: false });
    const cold: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await queryStatus(fresh, units, { scope: "system", sudo: true, where: host.alias });
      cold.push(performance.now() - t);
    }
    await transport.close();
    return [
      ["test host start", ms(start), `unpack ${ms(host.timings.unpackMs)} + boot to 'running' ${ms(host.timings.bootMs)} (rootfs cached)`],
      [
        "deploy-and-restart round trip",
        `median ${ms(median(deploys))}`,
        `changed unit, ${runs} runs: lint, upload, systemd-analyze verify, install, restart, health watch for the default --wait ${defaultWaitSeconds} s; first deploy ${ms(first)}`,
      ],
      [
        "deploy-and-restart round trip, --wait 10",
        ms(wait10),
        "the same, watching the unit for 10 s: the round trip is the window plus the work",
      ],
      [
        "status refresh, 20 units",
        `median ${ms(median(statuses.slice(1)))}`,
        `one systemctl show over a reused ssh connection, ${statuses.length - 1} runs`,
      ],
      ["status refresh, 20 units, new connection", `median ${ms(median(cold))}`, `ssh handshake included, ${runs} runs`],
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await host.stop();
  }
}

if (process.argv[1]?.endsWith("remote-bench.ts")) {
  for (const r of await measureRemote()) console.log(r.join(" | "));
}
