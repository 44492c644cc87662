/**
 * Usage errors of every command, through the built CLI: exit 2, one
 * `etcetera: …` line naming the mistake, then the whole usage, and never an
 * "internal error". Each command is a chunk of its own that the dispatcher
 * imports when it runs; the error is thrown inside that chunk and recognized
 * by the dispatcher, which is what broke once when commands were first loaded
 * lazily (a second copy of the error class is not the dispatcher's).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { bundlePath, ensureBundle } from "../helpers/bundle.js";

/** Command lines that are wrong, each with the message it must get; none of them reads a file or connects anywhere. */
const cases: { args: string[]; message: RegExp }[] = [
  { args: ["lint", "--format", "xml", "x.service"], message: /unknown --format 'xml'/ },
  { args: ["lint", "--frobnicate", "x.service"], message: /--frobnicate/ },
  { args: ["lint"], message: /no PATH given/ },
  { args: ["timespan"], message: /needs at least one SPAN/ },
  { args: ["cron", "explain"], message: /cron explain needs an argument/ },
  { args: ["security"], message: /no PATH given/ },
  { args: ["security", "--threshold", "abc", "x.service"], message: /--threshold takes a whole number/ },
  { args: ["deploy"], message: /deploy takes exactly one FILE/ },
  { args: ["deploy", "x.service"], message: /--host is required/ },
  { args: ["diff"], message: /diff takes exactly one FILE/ },
  { args: ["status"], message: /status takes at least one UNIT/ },
  { args: ["logs"], message: /logs takes exactly one UNIT/ },
  { args: ["cat", "--frobnicate"], message: /--frobnicate/ },
  { args: ["frobnicate"], message: /unknown command 'frobnicate'/ },
];

describe("etcetera: usage errors of every command", () => {
  let dir: string;
  before(() => {
    ensureBundle();
    dir = mkdtempSync(join(tmpdir(), "etcetera-usage-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const { args, message } of cases)
    it(`etcetera ${args.join(" ")}`, () => {
      const r = spawnSync(process.execPath, [bundlePath, ...args], { cwd: dir, encoding: "utf8", timeout: 60_000 });
      assert.equal(r.error, undefined, "the run finished");
      assert.doesNotMatch(r.stderr, /internal error/);
      assert.equal(r.status, 2, r.stderr);
      const [first, ...rest] = r.stderr.split("\n");
      assert.match(first ?? "", /^etcetera: /);
      assert.match(first ?? "", message);
      assert.match(rest.join("\n"), /^Usage: etcetera lint/m, "the usage follows the message");
      assert.match(rest.join("\n"), /etcetera --version/);
      assert.equal(r.stdout, "");
    });

  for (const args of [
    ["lint", "--help"],
    ["deploy", "-h"],
    ["cron", "to-timer", "--help"],
    ["status", "x.service", "--help"],
  ])
    it(`etcetera ${args.join(" ")} prints the usage on stdout (exit 0)`, () => {
      const r = spawnSync(process.execPath, [bundlePath, ...args], { cwd: dir, encoding: "utf8", timeout: 60_000 });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, "");
      assert.match(r.stdout, /^Usage: etcetera lint/m);
    });

  it("etcetera lint -- --help takes --help as a path", () => {
    const r = spawnSync(process.execPath, [bundlePath, "lint", "--", "--help"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--help: no such file or directory/);
  });

  it("etcetera --version prints the version alone", () => {
    const r = spawnSync(process.execPath, [bundlePath, "--version"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
    assert.equal(r.stderr, "");
  });
});
