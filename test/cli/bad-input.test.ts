/**
 * The built CLI (`node server/dist/etcetera.cjs lint ...`) on input that is
 * empty, huge, binary, CRLF, not UTF-8, missing, a directory, of no known
 * kind, or not a file at all; and the command-line contract of DESIGN.md:
 * exit 0 clean / 1 lint errors or too many warnings / 2 usage or I/O error,
 * the json, sarif and github formats, --max-warnings, --systemd-version and
 * --config. Every run has a timeout: nothing may hang.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { bundlePath, ensureBundle } from "../helpers/bundle.js";

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const TIMEOUT_MS = 60_000;

/** Runs `etcetera lint ARGS` in `cwd`; a run that outlives its timeout fails the test as a hang. */
function lint(args: string[], cwd: string, timeoutMs = TIMEOUT_MS): Run {
  const r = spawnSync(process.execPath, [bundlePath, "lint", ...args], { cwd, encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`etcetera lint ${args.join(" ")}: ${r.error.message} (hung?)`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonDiagnostic {
  rule: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
interface JsonFile {
  file: string;
  kind: string;
  diagnostics: JsonDiagnostic[];
}

/** Parses `--format json` output and checks it has exactly the contract's shape. */
function parseJson(stdout: string): JsonFile[] {
  const results = JSON.parse(stdout) as JsonFile[];
  assert.ok(Array.isArray(results), "an array of files");
  for (const r of results) {
    assert.deepEqual(Object.keys(r).sort(), ["diagnostics", "file", "kind"]);
    assert.equal(typeof r.file, "string");
    assert.equal(typeof r.kind, "string");
    for (const d of r.diagnostics) {
      assert.deepEqual(Object.keys(d).sort(), ["column", "endColumn", "endLine", "line", "message", "rule", "severity"]);
      assert.match(d.rule, /^[a-z]+\/[a-z0-9-]+$/);
      assert.ok(["error", "warning", "info", "hint"].includes(d.severity), d.severity);
      assert.ok(d.message.length > 0);
      for (const n of [d.line, d.column, d.endLine, d.endColumn]) assert.ok(Number.isInteger(n) && n >= 1, `1-based: ${JSON.stringify(d)}`);
      assert.ok(d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column), `ordered: ${JSON.stringify(d)}`);
    }
  }
  return results;
}

const brief = (results: JsonFile[]) =>
  results.flatMap((r) => r.diagnostics.map((d) => `${r.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.rule}`));

const typoUnit = "[Unit]\nDescription=x\n[Service]\nExecStart=/bin/true\nRestrat=always\n";
const warningUnit = "[Unit]\nDescription=x\nAfter=network-online.target\n[Service]\nExecStart=/bin/true\n";
const newerUnit = "[Unit]\nDescription=x\n[Service]\nExecStart=/bin/true\nRestartSteps=5\n";

describe("etcetera lint on bad input", () => {
  let dir: string;

  before(() => {
    ensureBundle();
    dir = mkdtempSync(join(tmpdir(), "etcetera-cli-"));
    writeFileSync(join(dir, "empty.service"), "");
    mkdirSync(join(dir, "app.service.d"));
    writeFileSync(join(dir, "app.service.d", "empty.conf"), "");
    writeFileSync(join(dir, "typo.service"), typoUnit);
    writeFileSync(join(dir, "crlf.service"), typoUnit.replace(/\n/g, "\r\n"));
    writeFileSync(
      join(dir, "latin1.service"),
      Buffer.from("[Unit]\nDescription=Caf\xe9 au lait\n[Service]\nExecStart=/bin/true\n", "latin1"),
    );
    writeFileSync(join(dir, "x.service"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0xff, 0xfe, 0x00, 0x0a, 0x5b]));
    writeFileSync(join(dir, "notes.txt"), "[Service]\nExecStart=/bin/true\n");
    mkdirSync(join(dir, "tree", "sub"), { recursive: true });
    writeFileSync(join(dir, "tree", "a.service"), typoUnit);
    writeFileSync(join(dir, "tree", "sub", "b.timer"), "[Timer]\nOnCalendar=daily\n");
    writeFileSync(join(dir, "tree", "README.md"), "# not a unit\n");
    symlinkSync("/nonexistent/etcetera-test", join(dir, "dangling.service"));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it("says that an empty unit file masks the unit, as systemd does (information, exit 0)", () => {
    // systemd-analyze verify empty.service: "Unit empty.service is masked."
    const r = lint(["--format", "json", "empty.service"], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(brief(parseJson(r.stdout)), ["empty.service:1:1-1:1 info systemd/masked-unit"]);
    assert.match(parseJson(r.stdout)[0]?.diagnostics[0]?.message ?? "", /masked/);
  });

  it("accepts an empty drop-in (exit 0)", () => {
    const r = lint(["--format", "json", "app.service.d/empty.conf"], dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.deepEqual(brief(parseJson(r.stdout)), []);
  });

  it("lints a 5 MB unit file and finds the mistakes at its end, with their line numbers", () => {
    const lines = ["[Unit]", "Description=A very large generated unit", "", "[Service]", "Type=oneshot", "ExecStart=/bin/true"];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      const line = [
        `# comment ${i}: padding the file out with text that looks like a real comment`,
        `Environment=VAR_${i}=value-${i}`,
        `ExecStartPre=/bin/echo step ${i} \\\n    continued ${i}`,
        `ReadWritePaths=/var/lib/app/${i}`,
      ][i % 4] as string;
      lines.push(line);
      size += line.length + 1;
    }
    const linesBefore = lines.join("\n").split("\n").length;
    writeFileSync(join(dir, "big.service"), `${lines.join("\n")}\nRestrat=always\nNotifyAccess=everyone\n`);
    const r = lint(["--format", "json", "big.service"], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(brief(parseJson(r.stdout)), [
      `big.service:${linesBefore + 1}:1-${linesBefore + 1}:8 error systemd/unknown-directive`,
      `big.service:${linesBefore + 2}:14-${linesBefore + 2}:22 error systemd/invalid-value`,
    ]);
  });

  it("refuses binary data in a .service file with an error naming the file and the reason (exit 1)", () => {
    const json = lint(["--format", "json", "x.service"], dir);
    assert.equal(json.status, 1);
    const [result] = parseJson(json.stdout);
    assert.equal(result?.file, "x.service");
    assert.deepEqual(
      result?.diagnostics.map((d) => d.rule),
      ["etcetera/not-text"],
    );
    assert.match(result?.diagnostics[0]?.message ?? "", /binary/);
    const stylish = lint(["x.service"], dir);
    assert.match(stylish.stdout, /x\.service[\s\S]*binary/);
  });

  it("reads CRLF files exactly as LF files: same diagnostics at the same lines and columns (besides the note on the line endings)", () => {
    const crlf = lint(["--format", "json", "crlf.service"], dir);
    const lf = lint(["--format", "json", "typo.service"], dir);
    assert.equal(crlf.status, 1);
    const strip = (r: Run) => brief(parseJson(r.stdout)).map((s) => s.replace(/^[^:]+:/, ""));
    const aboutEndings = (s: string) => s.endsWith("systemd/crlf-line-endings");
    assert.deepEqual(
      strip(crlf).filter((s) => !aboutEndings(s)),
      strip(lf),
    );
    assert.deepEqual(strip(crlf), ["1:1-1:7 info systemd/crlf-line-endings", "5:1-5:8 error systemd/unknown-directive"]);
  });

  it("flags the line of a Latin-1 file that is not UTF-8, as systemd does (exit 1)", () => {
    // systemd-analyze verify: "latin1.service:2: String is not UTF-8 clean, ignoring assignment" and refuses the unit.
    const r = lint(["--format", "json", "latin1.service"], dir);
    assert.equal(r.status, 1);
    const [result] = parseJson(r.stdout);
    assert.deepEqual(
      result?.diagnostics.map((d) => [d.line, d.rule]),
      [[2, "systemd/syntax-error"]],
    );
    assert.match(result?.diagnostics[0]?.message ?? "", /UTF-8/);
  });

  it("names a nonexistent path and the reason on stderr (exit 2)", () => {
    const r = lint(["missing.service"], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /missing\.service: no such file or directory/);
  });

  it("names a dangling symlink and the reason on stderr (exit 2)", () => {
    const r = lint(["dangling.service"], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /dangling\.service: .*(no such file|ENOENT)/);
  });

  it("walking a copy of a host's tree: a link to an absolute path the tree lacks is the host's file, not linted and no error", () => {
    const tree = join(dir, "host-copy", "etc", "systemd", "system");
    mkdirSync(join(tree, "multi-user.target.wants"), { recursive: true });
    writeFileSync(join(tree, "app.service"), "[Service]\nExecStart=/bin/true\n");
    symlinkSync("/nonexistent/lib/systemd/system/ssh.service", join(tree, "ssh.service"));
    symlinkSync("../ssh.service", join(tree, "multi-user.target.wants", "ssh.service"));
    const r = lint(["--format", "json", "host-copy"], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, "");
    assert.deepEqual(
      parseJson(r.stdout).map((f) => f.file),
      [join("host-copy", "etc", "systemd", "system", "app.service")],
    );
    // A relative link that dangles inside the tree is broken in the tree itself: still named (exit 2).
    symlinkSync("../missing.service", join(tree, "multi-user.target.wants", "broken.service"));
    const broken = lint(["--format", "json", "host-copy"], dir);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /broken\.service: .*ENOENT/);
  });

  it("walking a live /etc: enablement and alias links into /lib are the host's files, not linted (their siblings are not in the tree)", () => {
    const lib = join(dir, "live", "lib", "systemd", "system");
    const etc = join(dir, "live", "etc", "systemd", "system");
    mkdirSync(lib, { recursive: true });
    mkdirSync(join(etc, "timers.target.wants"), { recursive: true });
    writeFileSync(join(lib, "tidy.timer"), "[Timer]\nOnCalendar=daily\n\n[Install]\nWantedBy=timers.target\n");
    writeFileSync(join(lib, "tidy.service"), "[Service]\nType=oneshot\nExecStart=/bin/true\n");
    writeFileSync(join(etc, "app.service"), "[Service]\nExecStart=/bin/true\n");
    symlinkSync(join(lib, "tidy.timer"), join(etc, "timers.target.wants", "tidy.timer"));
    symlinkSync("../../../lib/systemd/system/tidy.service", join(etc, "alias.service"));
    const r = lint(["--format", "json", join("live", "etc")], dir);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.deepEqual(
      parseJson(r.stdout).map((f) => f.file),
      [join("live", "etc", "systemd", "system", "app.service")],
    );
    // Walking the whole root, the same links stay inside the tree: the timer is linted with its service beside it.
    const whole = lint(["--format", "json", "live"], dir);
    assert.equal(whole.status, 0, whole.stderr + whole.stdout);
    assert.ok(
      parseJson(whole.stdout).some((f) => f.file === join("live", "etc", "systemd", "system", "timers.target.wants", "tidy.timer")),
    );
    // Named on the command line, a link is linted wherever it leads.
    const named = lint(["--format", "json", join("live", "etc", "systemd", "system", "timers.target.wants", "tidy.timer")], dir);
    assert.notEqual(named.status, 2, named.stderr);
    assert.equal(parseJson(named.stdout).length, 1);
  });

  it("still lints the good files when another path fails, and exits 2", () => {
    const r = lint(["--format", "json", "typo.service", "missing.service"], dir);
    assert.equal(r.status, 2);
    assert.deepEqual(brief(parseJson(r.stdout)), ["typo.service:5:1-5:8 error systemd/unknown-directive"]);
    assert.match(r.stderr, /missing\.service/);
  });

  it("walks a directory for files of a known kind and skips the rest", () => {
    const r = lint(["--format", "json", "tree"], dir);
    assert.equal(r.status, 1, r.stderr);
    const results = parseJson(r.stdout);
    assert.deepEqual(
      results.map((f) => [f.file, f.kind]),
      [
        [join("tree", "a.service"), "systemd"],
        [join("tree", "sub", "b.timer"), "systemd"],
      ],
    );
    assert.equal(r.stderr, "");
  });

  it("names a file of unknown kind and the reason on stderr (exit 2); --kind lints it", () => {
    const r = lint(["notes.txt"], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /notes\.txt: cannot tell what kind of file this is.*--kind/);
    for (const kind of ["systemd", "cron", "netplan", "logrotate"]) assert.match(r.stderr, new RegExp(`\\b${kind}: `));
    const forced = lint(["--format", "json", "--kind", "systemd", "notes.txt"], dir);
    assert.equal(forced.status, 0, forced.stderr);
    assert.deepEqual(
      parseJson(forced.stdout).map((f) => [f.file, f.kind, f.diagnostics.length]),
      [["notes.txt", "systemd", 0]],
    );
  });

  it("a unit-shaped file without .conf in a drop-in directory, named explicitly, is said to be never read (exit 1); a walk skips it", () => {
    writeFileSync(join(dir, "app.service.d", "override"), "[Service]\nRestart=always\n");
    try {
      const r = lint(["--format", "json", join("app.service.d", "override")], dir);
      assert.equal(r.status, 1, r.stderr);
      const [file] = parseJson(r.stdout);
      assert.equal(file?.kind, "systemd");
      assert.deepEqual(
        file?.diagnostics.map((d) => d.rule),
        ["systemd/dropin-not-conf"],
      );
      const walked = lint(["--format", "json", "app.service.d"], dir);
      assert.deepEqual(
        parseJson(walked.stdout).map((f) => f.file),
        [join("app.service.d", "empty.conf")],
      );
    } finally {
      rmSync(join(dir, "app.service.d", "override"));
    }
  });

  it("does not hang on a named pipe given as a unit file", () => {
    const fifo = join(dir, "pipe.service");
    if (spawnSync("mkfifo", [fifo]).status !== 0) return;
    try {
      // A hang never ends: 30 s tells it apart from a slow start on a loaded machine (5 s failed under load).
      const r = lint(["pipe.service"], dir, 30_000);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /pipe\.service/);
    } finally {
      rmSync(fifo, { force: true });
    }
  });
});

describe("etcetera lint: the command-line contract", () => {
  let dir: string;

  before(() => {
    ensureBundle();
    dir = mkdtempSync(join(tmpdir(), "etcetera-cli-"));
    writeFileSync(join(dir, "typo.service"), typoUnit);
    writeFileSync(join(dir, "warn.service"), warningUnit);
    writeFileSync(join(dir, "newer.service"), newerUnit);
    writeFileSync(join(dir, "clean.service"), "[Unit]\nDescription=x\n[Service]\nExecStart=/bin/true\n");
    writeFileSync(
      join(dir, "settings.json"),
      JSON.stringify({ systemd: { version: 252 }, rules: { "systemd/network-online-without-wants": "off" } }),
    );
    writeFileSync(join(dir, "broken.json"), "{ systemd: ");
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 0 on a clean file", () => {
    const r = lint(["clean.service"], dir);
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /1 file checked, no problems/);
  });

  it("--format json: the contract's shape with 1-based lines and columns", () => {
    const r = lint(["--format", "json", "typo.service", "clean.service"], dir);
    assert.equal(r.status, 1);
    const results = parseJson(r.stdout);
    assert.deepEqual(results, [
      {
        file: "typo.service",
        kind: "systemd",
        diagnostics: [{ ...results[0]?.diagnostics[0], line: 5, column: 1, endLine: 5, endColumn: 8 }],
      },
      { file: "clean.service", kind: "systemd", diagnostics: [] },
    ]);
    assert.equal(results[0]?.diagnostics[0]?.rule, "systemd/unknown-directive");
  });

  it("--format sarif: a SARIF 2.1.0 log whose results point at rules it declares", () => {
    const r = lint(["--format", "sarif", "typo.service", "warn.service"], dir);
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, "2.1.0");
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, "etcetera");
    const ids = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    assert.equal(new Set(ids).size, ids.length, "rule ids are unique");
    for (const rule of run.tool.driver.rules) {
      assert.equal(typeof rule.shortDescription.text, "string");
      assert.ok(["error", "warning", "note", "none"].includes(rule.defaultConfiguration.level));
    }
    assert.equal(run.results.length, 2);
    for (const result of run.results) {
      assert.ok(ids.includes(result.ruleId), result.ruleId);
      assert.ok(["error", "warning", "note", "none"].includes(result.level));
      assert.equal(typeof result.message.text, "string");
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      assert.ok(["typo.service", "warn.service"].includes(artifactLocation.uri));
      for (const n of [region.startLine, region.startColumn, region.endLine, region.endColumn]) assert.ok(Number.isInteger(n) && n >= 1);
    }
    const typo = run.results.find((x: { ruleId: string }) => x.ruleId === "systemd/unknown-directive");
    assert.deepEqual(typo.locations[0].physicalLocation.region, { startLine: 5, startColumn: 1, endLine: 5, endColumn: 8 });
    assert.equal(typo.level, "error");
  });

  it("--format github: one workflow command per diagnostic", () => {
    const r = lint(["--format", "github", "typo.service", "warn.service"], dir);
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 2);
    for (const line of lines)
      assert.match(line, /^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^,:]+::\S.*$/);
    assert.ok(
      lines.includes(
        `::error file=typo.service,line=5,col=1,endLine=5,endColumn=8,title=systemd/unknown-directive::${lines[0]?.split("::")[2]}`,
      ),
    );
    assert.ok(lines.some((l) => l.startsWith("::warning file=warn.service,line=3,")));
  });

  it("--max-warnings: warnings pass until there are more than N", () => {
    assert.equal(lint(["warn.service"], dir).status, 0);
    assert.equal(lint(["--max-warnings", "1", "warn.service"], dir).status, 0);
    assert.equal(lint(["--max-warnings", "0", "warn.service"], dir).status, 1);
    const bad = lint(["--max-warnings", "many", "warn.service"], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--max-warnings/);
  });

  it("--systemd-version 252 flags a directive added later", () => {
    const plain = parseJson(lint(["--format", "json", "newer.service"], dir).stdout);
    assert.deepEqual(brief(plain), []);
    const r = lint(["--format", "json", "--systemd-version", "252", "newer.service"], dir);
    assert.equal(r.status, 0, "a warning only");
    assert.deepEqual(brief(parseJson(r.stdout)), ["newer.service:5:1-5:13 warning systemd/newer-than-target"]);
  });

  it("--config FILE: the target version and rule severities from a settings file; the flag wins over it", () => {
    const r = lint(["--format", "json", "--config", "settings.json", "newer.service", "warn.service"], dir);
    assert.deepEqual(brief(parseJson(r.stdout)), ["newer.service:5:1-5:13 warning systemd/newer-than-target"]);
    const newest = lint(["--format", "json", "--config", "settings.json", "--systemd-version", "999", "newer.service"], dir);
    assert.deepEqual(brief(parseJson(newest.stdout)), []);
  });

  it("--config: a missing or broken file is a usage error naming the file (exit 2)", () => {
    const missing = lint(["--config", "nope.json", "clean.service"], dir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nope\.json/);
    const broken = lint(["--config", "broken.json", "clean.service"], dir);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /broken\.json: not valid JSON/);
  });

  it("exits 2 with the usage on bad arguments", () => {
    for (const args of [
      ["--format", "xml", "clean.service"],
      ["--kind", "nginx", "clean.service"],
      [],
      ["--frobnicate", "clean.service"],
    ]) {
      const r = lint(args, dir);
      assert.equal(r.status, 2, `lint ${args.join(" ")}`);
      assert.match(r.stderr, /^etcetera: .+\n/, `lint ${args.join(" ")}`);
      assert.match(r.stderr, /Usage: etcetera lint/);
    }
  });
});
