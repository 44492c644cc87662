/**
 * Opens code-server's workbench in Chromium. With an extension-test payload
 * (the server must run with the smoke-test driver) the workbench loads the
 * extension under development, runs its tests in the extension host and
 * reports the exit code through `window.codeAutomationExit`, as the desktop
 * VS Code's test runner reports its process exit code.
 */
import { format } from "node:util";
import type { Browser, Page } from "./browser.js";
import { launchChromium } from "./browser.js";
import type { CodeServer } from "./code-server.js";

export interface WorkbenchOptions {
  /** The folder to open, an absolute path on this machine. */
  folder: string;
  /** Absolute path of an extension to load from source (--extensionDevelopmentPath). */
  extensionDevelopmentPath?: string;
  /** Absolute path of the test runner module (--extensionTestsPath). */
  extensionTestsPath?: string;
  /** Called with each line the workbench logs (its console, extension host output). */
  onLog?: (line: string) => void;
}

export interface Workbench {
  browser: Browser;
  page: Page;
  /** Resolves with the code the extension tests exited with. */
  exitCode: Promise<number>;
  close(): Promise<void>;
}

function workbenchUrl(server: CodeServer, options: WorkbenchOptions): string {
  const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload: [string, string][] = [];
  if (options.extensionDevelopmentPath) payload.push(["extensionDevelopmentPath", remote(options.extensionDevelopmentPath)]);
  if (options.extensionTestsPath) payload.push(["extensionTestsPath", remote(options.extensionTestsPath)]);
  const query = new URLSearchParams({ folder: options.folder });
  if (payload.length > 0) query.set("payload", JSON.stringify(payload));
  return `${server.url}/?${query}`;
}

export async function openWorkbench(server: CodeServer, options: WorkbenchOptions): Promise<Workbench> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const log = options.onLog ?? (() => {});
    let exit: (code: number) => void = () => {};
    const exitCode = new Promise<number>((r) => {
      exit = r;
    });
    // The workbench forwards its log and the extension host's console here (format string first).
    await page.exposeFunction("codeAutomationLog", (type: string, args: unknown[]) => {
      log(`[${type}] ${format(...args)}`);
    });
    await page.exposeFunction("codeAutomationExit", (code: number) => exit(code));
    page.on("pageerror", (e) => log(`[pageerror] ${e.message}`));
    await page.goto(workbenchUrl(server, options), { waitUntil: "domcontentloaded", timeout: 30_000 });
    return { browser, page, exitCode, close: () => browser.close() };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
