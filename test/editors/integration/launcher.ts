/**
 * A stand-in for the VS Code executable, for @vscode/test-electron's runTests()
 * on a machine where VS Code cannot be downloaded. It accepts the arguments
 * runTests() passes to VS Code:
 *   --extensionDevelopmentPath=DIR --extensionTestsPath=MODULE [--user-data-dir=DIR] [FOLDER] [other flags, ignored]
 * starts code-server with the smoke-test driver, opens FOLDER in its workbench
 * in Chromium with the extension-test payload, prints what the workbench logs,
 * and exits with the code the extension tests reported — as VS Code does.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { startCodeServer } from "../lib/code-server.js";
import { repoRoot, scratchDir } from "../lib/install.js";
import { openWorkbench } from "../lib/workbench.js";

interface LaunchArgs {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  userDataDir?: string;
  folder?: string;
}

function parseArgs(argv: string[]): LaunchArgs {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const extensionDevelopmentPath = value("extensionDevelopmentPath");
  const extensionTestsPath = value("extensionTestsPath");
  if (!extensionDevelopmentPath || !extensionTestsPath)
    throw new Error("usage: launcher --extensionDevelopmentPath=DIR --extensionTestsPath=MODULE [FOLDER]");
  const folder = argv.find((a) => !a.startsWith("-"));
  return { extensionDevelopmentPath, extensionTestsPath, userDataDir: value("user-data-dir"), folder };
}

/** Lines of the workbench's own chatter that say nothing about the tests. */
const noise = [
  /Ignoring fetching additional builtin extensions/,
  /Updating additional builtin extensions cache/,
  /Creating a socket|connection token|reconnection-grace-time/,
  /\[AccountPolicyGate\]|\[AgentHost|\[Service Worker\]/,
  /authentication provider 'github'|^\s+at .*workbench\.js/,
];

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const timeoutMs = Number(process.env.ETCETERA_EDITOR_TEST_TIMEOUT ?? 300_000);
  const scratch = args.userDataDir ? resolve(args.userDataDir) : scratchDir("launcher");
  const folder = resolve(args.folder ?? repoRoot);
  mkdirSync(scratch, { recursive: true });
  const server = await startCodeServer({ scratch, smokeTestDriver: true });
  let workbench: Awaited<ReturnType<typeof openWorkbench>> | undefined;
  try {
    workbench = await openWorkbench(server, {
      folder,
      extensionDevelopmentPath: resolve(args.extensionDevelopmentPath),
      extensionTestsPath: resolve(args.extensionTestsPath),
      onLog: (line) => {
        if (!noise.some((re) => re.test(line))) process.stdout.write(`${line}\n`);
      },
    });
    const timeout = new Promise<number>((r) => setTimeout(() => r(-1), timeoutMs).unref());
    const code = await Promise.race([workbench.exitCode, timeout]);
    if (code === -1) {
      console.error(`the extension tests did not finish within ${timeoutMs / 1000} s`);
      return 1;
    }
    return code;
  } catch (e) {
    console.error(`${(e as Error).stack}\n--- code-server ---\n${server.log()}`);
    return 1;
  } finally {
    await workbench?.close();
    await server.stop();
  }
}

process.exitCode = await main();
