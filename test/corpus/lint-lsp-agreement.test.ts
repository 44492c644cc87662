/**
 * The editor agrees with the CLI on every file of the systemd corpus (the
 * Debian packages of test/corpus/debian-packages.txt, extracted into
 * $CORPUS_CACHE/root/<package>/ by fetch-debian-units.sh): `etcetera lint`
 * over the corpus and the bundled language server over stdio, with the corpus
 * as its workspace, give each file the same diagnostics (rule, severity,
 * range, message) —
 *
 * 1. when each file is opened (in batches, the rest of the corpus on disk);
 * 2. when a related file is opened, emptied without saving, reverted and
 *    closed around it: a unit's drop-in, a drop-in's unit, a timer's service;
 * 3. and the comparison itself can fail: a server told to target an older
 *    systemd than the CLI disagrees on files that use newer directives.
 *
 * AGREEMENT_ONLY=a,b checks only those packages (for investigating).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { PublishDiagnosticsParams } from "vscode-languageserver-protocol";
import type { JsonDiagnostic } from "../../server/src/cli/results.js";
import { bundlePath, ensureBundle } from "../helpers/bundle.js";
import { LspServer, uriOf } from "../helpers/lsp-client.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const fetchScript = join(repo, "test/corpus/fetch-debian-units.sh");
const corpusRoot = join(process.env.CORPUS_CACHE ?? join(repo, ".cache/corpus"), "root");
const only = (process.env.AGREEMENT_ONLY ?? "").split(",").filter((p) => p !== "");
/** Files open at once: enough to keep the server busy, few enough that a batch settles quickly. */
const BATCH = 64;
const WAIT_MS = 120_000;

const severities = ["", "error", "warning", "info", "hint"];

/** One diagnostic as text, 1-based positions, the same for both sides. */
function fromCli(d: JsonDiagnostic): string {
  return `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.rule} ${d.message}`;
}

function fromServer(p: PublishDiagnosticsParams): string[] {
  return p.diagnostics
    .map((d) => {
      const r = d.range;
      return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${severities[d.severity ?? 0]} ${d.code} ${d.message}`;
    })
    .sort();
}

function ensureCorpus(): void {
  const r = spawnSync("bash", [fetchScript], { cwd: repo, stdio: ["ignore", "inherit", "inherit"], timeout: 20 * 60_000 });
  if (r.status !== 0 || !existsSync(corpusRoot))
    throw new Error(`${fetchScript} failed (exit ${r.status}): the corpus of Debian unit files could not be fetched`);
}

/** The package directories to check. */
function packages(): string[] {
  const all = readdirSync(corpusRoot).sort();
  return only.length > 0 ? all.filter((p) => only.includes(p)) : all;
}

/** `etcetera lint --format json --kind systemd DIR...`: every systemd file under the directories, with its diagnostics. */
function lintCorpus(dirs: string[], extraArgs: string[] = []): Map<string, string[]> {
  const r = spawnSync(process.execPath, [bundlePath, "lint", "--format", "json", "--kind", "systemd", ...extraArgs, ...dirs], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
    timeout: WAIT_MS * 5,
  });
  // Exit 2 for links that point outside the package (dracut's, to the host's /usr/lib): nothing to read, on either side.
  const problems = r.stderr.split("\n").filter((l) => l !== "" && !/: (cannot read: ENOENT|not a regular file)$/.test(l));
  if ((r.status !== 0 && r.status !== 1 && r.status !== 2) || problems.length > 0)
    throw new Error(`etcetera lint exited ${r.status}: ${problems.join("\n").slice(0, 2000)}`);
  const results = JSON.parse(r.stdout) as { file: string; diagnostics: JsonDiagnostic[] }[];
  return new Map(results.map((f) => [f.file, f.diagnostics.map(fromCli).sort()]));
}

/** Resolves when `check` holds, polling; fails after `timeoutMs`. */
async function until(check: () => boolean, what: string, timeoutMs = WAIT_MS): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until the server has published nothing new for `quietMs` (re-checks of dependents have settled). */
async function settled(server: LspServer, quietMs = 250): Promise<void> {
  let count = server.published.length;
  let since = Date.now();
  await until(() => {
    if (server.published.length !== count) {
      count = server.published.length;
      since = Date.now();
    }
    return Date.now() - since >= quietMs;
  }, "the server to settle");
}

/** The last diagnostics published for `uri` at or after index `from`. */
function lastFor(server: LspServer, uri: string, from: number): PublishDiagnosticsParams | undefined {
  for (let i = server.published.length - 1; i >= from; i--) {
    const p = server.published[i];
    if (p?.uri === uri) return p;
  }
  return undefined;
}

async function startServer(settings: Record<string, unknown> = {}): Promise<LspServer> {
  const server = LspServer.start({ workspaceFolders: [corpusRoot], settings, env: { ETCETERA_SCAN_LIMIT: "1000000" } });
  await server.initialize();
  await until(() => server.logMessages.some((m) => m.startsWith("workspace scan done")), "the workspace scan");
  return server;
}

interface Disagreement {
  file: string;
  cli: string[];
  server: string[];
  when: string;
}

function compare(file: string, cli: string[] | undefined, published: PublishDiagnosticsParams | undefined, when: string): Disagreement[] {
  const server = published ? fromServer(published) : ["(nothing published)"];
  return JSON.stringify(cli ?? []) === JSON.stringify(server) ? [] : [{ file, cli: cli ?? [], server, when }];
}

function report(disagreements: Disagreement[]): string {
  return disagreements
    .slice(0, 20)
    .map(
      (d) =>
        `${d.file} (${d.when}):\n  lint:   ${d.cli.join("\n          ") || "(none)"}\n  server: ${d.server.join("\n          ") || "(none)"}`,
    )
    .join("\n");
}

/** Opens `files` in batches and compares each one's settled diagnostics with the CLI's. */
async function openAndCompare(server: LspServer, files: string[], cli: Map<string, string[]>): Promise<Disagreement[]> {
  const out: Disagreement[] = [];
  for (let i = 0; i < files.length; i += BATCH) {
    const batch = files.slice(i, i + BATCH);
    const from = server.published.length;
    for (const file of batch) await server.open(uriOf(file), readFileSync(file, "utf8"));
    await until(() => batch.every((f) => lastFor(server, uriOf(f), from)), `diagnostics of ${batch.length} files`);
    await settled(server);
    for (const file of batch) out.push(...compare(file, cli.get(file), lastFor(server, uriOf(file), from), "opened"));
    for (const file of batch) await server.close(uriOf(file));
  }
  return out;
}

/** Pairs (file, related file) whose change re-checks the file: unit ↔ its drop-ins, timer → its service. */
function relatedPairs(files: string[]): [string, string][] {
  const known = new Set(files);
  const pairs: [string, string][] = [];
  for (const file of files) {
    const name = basename(file);
    const dir = dirname(file);
    if (dirname(file).endsWith(".d") && file.endsWith(".conf")) {
      const unit = join(dirname(dir), basename(dir).slice(0, -2));
      if (known.has(unit)) pairs.push([file, unit], [unit, file]);
    } else if (name.endsWith(".timer")) {
      const service = join(dir, name.replace(/\.timer$/, ".service"));
      if (known.has(service)) pairs.push([file, service]);
    }
  }
  return pairs;
}

/**
 * For each pair (A, B): B is opened and emptied without saving (an empty unit file masks the
 * unit; an empty drop-in takes its settings away), A is opened and judged with that, B is
 * reverted and closed; then B (reverted) and A must have the CLI's diagnostics again. Pairs run
 * in batches whose files are all different. Returns how many A were judged differently while
 * B was empty, to show that the edits mattered.
 */
async function relatedAndCompare(
  server: LspServer,
  pairs: [string, string][],
  cli: Map<string, string[]>,
): Promise<{ disagreements: Disagreement[]; changed: number }> {
  const out: Disagreement[] = [];
  let changed = 0;
  const pending = [...pairs];
  while (pending.length > 0) {
    const used = new Set<string>();
    const batch: [string, string][] = [];
    for (let i = 0; i < pending.length && batch.length < BATCH / 2; ) {
      const [a, b] = pending[i] as [string, string];
      if (used.has(a) || used.has(b)) {
        i++;
        continue;
      }
      used.add(a);
      used.add(b);
      batch.push([a, b]);
      pending.splice(i, 1);
    }
    const texts = new Map(batch.map(([, b]) => [b, readFileSync(b, "utf8")]));
    const start = server.published.length;
    for (const [, b] of batch) await server.open(uriOf(b), texts.get(b) as string);
    for (const [, b] of batch) await server.change(uriOf(b), 2, [{ text: "" }]);
    for (const [a] of batch) await server.open(uriOf(a), readFileSync(a, "utf8"));
    await until(() => batch.every(([a]) => lastFor(server, uriOf(a), start)), "diagnostics of the files opened beside an emptied one");
    await settled(server);
    const during = new Map(batch.map(([a]) => [a, fromServer(lastFor(server, uriOf(a), start) as PublishDiagnosticsParams)]));
    const reverted = server.published.length;
    for (const [, b] of batch) await server.change(uriOf(b), 3, [{ text: texts.get(b) as string }]);
    await until(() => batch.every(([, b]) => lastFor(server, uriOf(b), reverted)), "diagnostics of the reverted files");
    await settled(server);
    for (const [, b] of batch) out.push(...compare(b, cli.get(b), lastFor(server, uriOf(b), reverted), "reverted after an edit"));
    const closed = server.published.length;
    for (const [, b] of batch) await server.close(uriOf(b));
    await settled(server);
    for (const [a, b] of batch) {
      out.push(
        ...compare(a, cli.get(a), lastFor(server, uriOf(a), start), `after ${basename(b)} was opened, emptied, reverted and closed`),
      );
      if (JSON.stringify(during.get(a)) !== JSON.stringify(cli.get(a) ?? [])) changed++;
    }
    assert.ok(closed <= server.published.length);
    for (const [a] of batch) await server.close(uriOf(a));
  }
  return { disagreements: out, changed };
}

describe("etcetera lint and the language server agree on every corpus file", () => {
  let cli: Map<string, string[]>;
  let files: string[];
  let server: LspServer | undefined;

  before(() => {
    ensureBundle();
    ensureCorpus();
    const dirs = packages().map((p) => join(corpusRoot, p));
    cli = lintCorpus(only.length > 0 ? dirs : [corpusRoot]);
    files = [...cli.keys()].filter((f) => !lstatSync(f).isSymbolicLink() || existsSync(f));
  });

  after(() => server?.kill());

  it("covers the corpus", () => {
    if (only.length === 0) assert.ok(files.length >= 2000, `only ${files.length} systemd files in ${corpusRoot}`);
    console.log(`# ${files.length} systemd files of ${packages().length} packages`);
  });

  it("gives each file the CLI's diagnostics when it is opened", { timeout: 20 * 60_000 }, async () => {
    server = await startServer();
    const disagreements = await openAndCompare(server, files, cli);
    assert.equal(disagreements.length, 0, `${disagreements.length} files disagree:\n${report(disagreements)}`);
  });

  it("still does after a related file is opened, edited, reverted and closed", { timeout: 20 * 60_000 }, async () => {
    server ??= await startServer();
    const pairs = relatedPairs(files);
    if (only.length === 0) assert.ok(pairs.length >= 100, `only ${pairs.length} related pairs`);
    console.log(`# ${pairs.length} pairs of related files`);
    const { disagreements, changed } = await relatedAndCompare(server, pairs, cli);
    console.log(`# ${changed} files were judged differently while their related file was emptied`);
    assert.equal(disagreements.length, 0, `${disagreements.length} disagreements:\n${report(disagreements)}`);
    // The edits must matter somewhere (bip-config.service has its ExecStart= from its drop-in), or this would check nothing about re-checking.
    if (only.length === 0) assert.ok(changed >= 1, "no file changed while a related file was emptied");
  });

  it("notices a disagreement: a server targeting systemd 235 differs from the CLI on newer directives", {
    timeout: 5 * 60_000,
  }, async () => {
    const older = await startServer({ systemd: { version: 235 } });
    try {
      // The files where the CLI (newest systemd) is silent and which use directives added after 235.
      const newer = files.filter((f) =>
        /^(ProtectHostname|ProtectClock|ProtectKernelLogs|RestrictSUIDSGID|ProtectProc)=/m.test(readFileSync(f, "utf8")),
      );
      const sample = newer.slice(0, BATCH);
      assert.ok(sample.length > 0, "no corpus file uses a directive newer than systemd 235");
      const disagreements = await openAndCompare(older, sample, cli);
      assert.ok(disagreements.length > 0, "the comparison found no difference where the settings differ");
      assert.ok(
        disagreements.some((d) => d.server.some((s) => s.includes("systemd/newer-than-target"))),
        report(disagreements),
      );
    } finally {
      older.kill();
    }
  });
});
