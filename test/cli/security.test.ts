/**
 * `etcetera security` as users run it (the built CLI): the text table and
 * overall line, the JSON of the contract, --threshold (tenths, as systemd's),
 * --user, --security-policy, drop-ins beside the unit, refused units, files
 * that are not services, and the exit codes 0 / 1 (above the threshold or
 * refused) / 2 (usage or input error).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { bundlePath, ensureBundle } from "../helpers/bundle.js";

const units = resolve("test/fixtures/security-differential/units");

function security(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [bundlePath, "security", ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  if (r.error) throw r.error;
  return r;
}

interface JsonScore {
  file: string;
  unit: string;
  exposure: number | null;
  level: string | null;
  refused?: string;
  checks: { id: string; description: string; exposure: number | null }[];
}

const json = (stdout: string) => JSON.parse(stdout) as JsonScore[];

describe("etcetera security", () => {
  let dir: string;
  before(() => {
    ensureBundle();
    dir = mkdtempSync(join(tmpdir(), "etcetera-security-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prints systemd's table and overall line", () => {
    const r = security([join(units, "protect-clock.service")]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^ {2}NAME +DESCRIPTION +EXPOSURE$/m);
    assert.match(r.stdout, /^✗ User=\/DynamicUser= +Runs as root +0\.4$/m);
    assert.match(r.stdout, /^✓ ProtectClock= /m);
    assert.match(r.stdout, /^ {2}RemoveIPC= /m);
    assert.match(r.stdout, /→ Overall exposure level for protect-clock\.service: 8\.7 EXPOSED/);
  });

  it("gives the JSON of the contract, file as given, ids as systemd's json_field", () => {
    const r = security(["--format", "json", "test/fixtures/security-differential/units/hardened.service"]);
    assert.equal(r.status, 0, r.stderr);
    const [s] = json(r.stdout);
    assert.equal(s?.file, "test/fixtures/security-differential/units/hardened.service");
    assert.deepEqual([s?.unit, s?.exposure, s?.level], ["hardened.service", 0.2, "SAFE"]);
    assert.equal(s?.checks.length, 81);
    assert.deepEqual(
      s?.checks.find((c) => c.id === "CapabilityBoundingSet_CAP_NET_BIND_SERVICE_BROADCAST_RAW)"),
      s?.checks.find((c) => c.id.startsWith("CapabilityBoundingSet_CAP_NET_BIND")),
    );
    assert.equal(s?.checks.find((c) => c.id === "KeyringMode")?.exposure, 0);
  });

  it("exits 1 above --threshold (tenths), 0 at or below it", () => {
    const file = join(units, "protect-clock.service");
    assert.equal(security(["--threshold", "86", file]).status, 1);
    assert.equal(security(["--threshold", "87", file]).status, 0);
  });

  it("scores user units with the user manager's defaults (--user)", () => {
    const file = join(units, "hardened.service");
    const [system] = json(security(["--format", "json", file]).stdout);
    const [user] = json(security(["--format", "json", "--user", file]).stdout);
    assert.equal(system?.checks.find((c) => c.id === "KeyringMode")?.exposure, 0);
    assert.ok((user?.checks.find((c) => c.id === "KeyringMode")?.exposure ?? 0) > 0);
    assert.deepEqual([system?.exposure, user?.exposure], [0.2, 0.4]);
  });

  it("applies --security-policy weights and ranges as systemd does", () => {
    const policy = join(dir, "policy.json");
    writeFileSync(policy, JSON.stringify({ UserOrDynamicUser: { weight: 0 }, PrivateNetwork: { weight: 10000, range: 1 }, Bogus: 3 }));
    const [s] = json(security(["--format", "json", "--security-policy", policy, join(units, "protect-clock.service")]).stdout);
    assert.equal(s?.checks.find((c) => c.id === "UserOrDynamicUser")?.exposure, null);
    assert.ok((s?.checks.find((c) => c.id === "PrivateNetwork")?.exposure ?? 0) > 1);
    writeFileSync(policy, "{ not json");
    assert.equal(security(["--security-policy", policy, join(units, "protect-clock.service")]).status, 2);
  });

  it("applies the drop-ins beside the unit", () => {
    const [s] = json(security(["--format", "json", join(units, "dropped.service")]).stdout);
    assert.equal(s?.checks.find((c) => c.id === "ProtectSystem")?.exposure, 0);
    assert.equal(s?.checks.find((c) => c.id === "NoNewPrivileges")?.exposure, 0);
  });

  it("gives systemd's refusal instead of a score, and exits 1", () => {
    const r = security(["--format", "json", join(units, "no-exec-start.service")]);
    assert.equal(r.status, 1);
    const [s] = json(r.stdout);
    assert.equal(s?.exposure, null);
    assert.match(s?.refused ?? "", /no ExecStart=.*refuses/);
  });

  it("says that only services have a score, and exits 2 on usage errors", () => {
    const timer = join(dir, "backup.timer");
    writeFileSync(timer, "[Timer]\nOnCalendar=daily\n");
    const r = security([timer]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /only services have an exposure score/);
    assert.equal(security(["--format", "yaml", timer]).status, 2);
    assert.equal(security(["--threshold", "5.5", timer]).status, 2);
    assert.equal(security([]).status, 2);
    assert.equal(security([join(dir, "missing.service")]).status, 2);
  });

  it("scores every service of a directory and skips its other units", () => {
    const d = join(dir, "units");
    mkdirSync(d);
    writeFileSync(join(d, "a.service"), "[Service]\nExecStart=/bin/true\nUser=a\n");
    writeFileSync(join(d, "a.socket"), "[Socket]\nListenStream=80\n");
    const r = security(["--format", "json", d]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(
      json(r.stdout).map((s) => s.unit),
      ["a.service"],
    );
  });
});
