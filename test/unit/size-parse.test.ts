/**
 * Byte sizes as systemd's parse_size() reads them (MemoryMax=, LimitFSIZE=,
 * ConditionMemory=, …) and memory limits as config_parse_memory_limit()
 * judges them. The verdicts below were recorded with `systemd-analyze verify`
 * of systemd 252 (a unit with one `Memory…=VALUE` line per case); when
 * systemd-analyze is installed the same unit is verified live and every line
 * must get the recorded verdict, so the table cannot drift from the tool.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseIecSize } from "../../server/src/languages/systemd/values/scalars.js";
import { lintText } from "../helpers/lint.js";

type Verdict = "ok" | "invalid" | "out-of-range";

/** [directive, value, systemd 252's verdict] */
const cases: [string, string, Verdict][] = [
  ["MemoryMax", "512M", "ok"],
  ["MemoryMax", "1G 512M", "ok"],
  ["MemoryMax", "512M 1G", "invalid"],
  ["MemoryMax", "10.M", "ok"],
  ["MemoryMax", "10.", "ok"],
  ["MemoryMax", "1.31.0", "invalid"],
  ["MemoryMax", "1.5.5", "invalid"],
  ["MemoryMax", "1 2", "invalid"],
  ["MemoryMax", "1. 5K", "invalid"],
  ["MemoryMax", "1 K", "ok"],
  ["MemoryMax", "+5K", "ok"],
  ["MemoryMax", "1B", "ok"],
  ["MemoryMax", "1KB", "invalid"],
  ["MemoryMax", "5E", "ok"],
  ["MemoryMax", "16E", "invalid"],
  ["MemoryMax", "2E 1K", "ok"],
  ["MemoryMax", "1.5G", "ok"],
  ["MemoryMax", "99999999999999999999", "invalid"],
  ["MemoryMax", "1.123456789012345678901K", "invalid"],
  ["MemoryMax", "18446744073709551615", "out-of-range"],
  ["MemoryMax", "0", "out-of-range"],
  ["MemoryMax", "0K", "out-of-range"],
  ["MemoryMax", "0.5", "out-of-range"],
  ["MemoryMax", "0%", "out-of-range"],
  ["MemoryMax", "50%", "ok"],
  ["MemoryMax", "infinity", "ok"],
  ["MemoryLow", "0", "ok"],
  ["MemoryLow", "0.5", "ok"],
  ["MemoryLow", "1.31.0", "invalid"],
];

describe("byte sizes and memory limits, as systemd reads them", () => {
  for (const [directive, value, verdict] of cases)
    it(`${directive}=${value}: ${verdict}`, () => {
      const found = lintText("size.service", `[Service]\nExecStart=/bin/true\n${directive}=${value}\n`).filter(
        (d) => d.rule === "systemd/invalid-value",
      );
      if (verdict === "ok") assert.deepEqual(found, []);
      else assert.equal(found.length, 1, `one invalid-value error for ${directive}=${value}`);
      if (!value.endsWith("%") && value !== "infinity") {
        const bytes = parseIecSize(value);
        assert.equal(bytes === undefined, verdict === "invalid", `parse_size(${value})`);
      }
    });

  it("sizes: values parse_size() reads exactly", () => {
    assert.equal(parseIecSize("1G 512M"), (1n << 30n) + (512n << 20n));
    assert.equal(parseIecSize("1.5K"), 1536n);
    assert.equal(parseIecSize("10.M"), 10n << 20n);
    assert.equal(parseIecSize("0.3K"), 307n);
  });

  const systemdAnalyze = "/usr/bin/systemd-analyze";
  it("the recorded verdicts are systemd-analyze verify's, live", {
    skip: !existsSync(systemdAnalyze) && "systemd-analyze is not installed",
  }, () => {
    const dir = mkdtempSync(join(tmpdir(), "etcetera-size-"));
    try {
      const header = ["[Service]", "ExecStart=/bin/true"];
      writeFileSync(join(dir, "size.service"), [...header, ...cases.map(([d, v]) => `${d}=${v}`), ""].join("\n"));
      const r = spawnSync(systemdAnalyze, ["verify", "--man=no", "--generators=no", "--recursive-errors=no", join(dir, "size.service")], {
        encoding: "utf8",
        env: { PATH: process.env.PATH, LC_ALL: "C.UTF-8", SYSTEMD_UNIT_PATH: dir, SYSTEMD_LOG_LEVEL: "warning" },
        timeout: 120_000,
      });
      const live = new Map<number, Verdict>();
      for (const m of r.stderr.matchAll(/size\.service:(\d+): (Invalid memory limit|Memory limit '.*' out of range)/g))
        live.set(Number(m[1]), m[2]?.startsWith("Invalid") ? "invalid" : "out-of-range");
      cases.forEach(([d, v, verdict], i) => {
        assert.equal(live.get(header.length + i + 1) ?? "ok", verdict, `${d}=${v}`);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
