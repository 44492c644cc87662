/**
 * The module VS Code's extension host loads as --extensionTestsPath: it runs
 * the mocha suites below inside the real extension host and rejects when a
 * test fails (VS Code then exits with 1).
 */
import Mocha from "mocha";
import { deploySuites } from "./deploy.spec.js";
import { detectionSuites } from "./detection.spec.js";
import { effectiveUnitSuites } from "./effective.spec.js";
import { experienceSuites } from "./experience.spec.js";
import { languageSuites } from "./languages.spec.js";
import { liveHostSuites } from "./live-host.spec.js";
import { systemdSuites } from "./systemd.spec.js";

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: "bdd", reporter: "spec", color: false, timeout: 60_000 });
  // The bdd interface defines describe/it (and mocha's exports of them) once this event has fired.
  mocha.suite.emit("pre-require", globalThis, "etcetera-integration", mocha);
  if (process.env.ETCETERA_TEST_HOST_ALIAS) {
    // test/editors/deploy.test.ts or live-host.test.ts: a real systemd host is up; only the suite asked for runs.
    if (process.env.ETCETERA_TEST_SUITE === "live-host") liveHostSuites();
    else deploySuites();
  } else {
    languageSuites();
    systemdSuites();
    detectionSuites();
    effectiveUnitSuites();
    experienceSuites();
  }
  const failures = await new Promise<number>((r) => mocha.run(r));
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
