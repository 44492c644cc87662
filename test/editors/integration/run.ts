/**
 * Runs the extension's integration tests (mocha, in the extension host of a
 * real VS Code) through @vscode/test-electron's runTests(), the standard entry
 * point of VS Code extension tests.
 *
 *   node --import tsx test/editors/integration/run.ts
 *
 * Where VS Code can be downloaded (ETCETERA_VSCODE=download), runTests()
 * downloads it as usual. Otherwise (the default: this project's machines and
 * CI reach no download server) it is handed `vscodeExecutablePath` = a
 * launcher that runs the same tests in code-server, installed by
 * test/editors/install.sh.
 */
import { cpSync } from "node:fs";
import { join } from "node:path";
import { runTests } from "@vscode/test-electron";
import { build } from "esbuild";
import { ensureBuilt } from "../lib/build.js";
import { installEditor, removeScratch, repoRoot, scratchDir } from "../lib/install.js";

/** The mocha suite, bundled into one CommonJS module the extension host can load. */
export async function bundleSuite(work: string): Promise<string> {
  const outfile = join(work, "suite.cjs");
  await build({
    entryPoints: [join(repoRoot, "test/editors/integration/suite/index.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    sourcemap: "inline",
    external: ["vscode"],
    logLevel: "error",
  });
  return outfile;
}

/** A scratch copy of the fixture workspace, so that nothing a test does reaches the repository. */
function prepareWorkspace(work: string): string {
  const folder = join(work, "workspace");
  cpSync(join(repoRoot, "test/editors/fixtures/workspace"), folder, { recursive: true });
  return folder;
}

export interface IntegrationOptions {
  /** Scratch directory name (one per test file running at the same time). */
  label?: string;
  /** Environment of the VS Code (code-server) started, which its extension host inherits. */
  env?: Record<string, string>;
}

export async function runIntegrationTests(options: IntegrationOptions = {}): Promise<number> {
  const download = process.env.ETCETERA_VSCODE === "download";
  if (!download) installEditor("code-server");
  ensureBuilt();
  const work = scratchDir(options.label ?? "integration");
  try {
    return await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: await bundleSuite(work),
      // node:test reads a test file's stdout: VS Code's output goes to stderr.
      stdout: process.stderr,
      extensionTestsEnv: options.env,
      launchArgs: [
        prepareWorkspace(work),
        `--user-data-dir=${join(work, "profile")}`,
        `--extensions-dir=${join(work, "profile/extensions")}`,
      ],
      ...(download
        ? { cachePath: join(repoRoot, ".cache/vscode-test") }
        : { vscodeExecutablePath: join(repoRoot, "test/editors/integration/launcher.sh") }),
    });
  } finally {
    removeScratch(work);
  }
}

if (process.argv[1] === import.meta.filename) {
  try {
    process.exitCode = await runIntegrationTests();
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 1;
  }
}
