/**
 * playwright-core (pinned in test/editors/code-server/package-lock.json and
 * installed into the cache with code-server) driving Debian's Chromium. Only
 * the few calls these tests make are typed here, so that type checking does
 * not depend on the cache being installed.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { editorsCache } from "./install.js";

export interface Locator {
  click(options?: { button?: "left" | "right"; clickCount?: number; timeout?: number; force?: boolean }): Promise<void>;
  dblclick(options?: { timeout?: number }): Promise<void>;
  waitFor(options?: { state?: "attached" | "visible" | "hidden"; timeout?: number }): Promise<void>;
  textContent(options?: { timeout?: number }): Promise<string | null>;
  getAttribute(name: string): Promise<string | null>;
  allTextContents(): Promise<string[]>;
  count(): Promise<number>;
  first(): Locator;
  nth(index: number): Locator;
  filter(options: { hasText?: string | RegExp; has?: Locator }): Locator;
  locator(selector: string): Locator;
  getByRole(role: string, options?: { name?: string | RegExp; exact?: boolean }): Locator;
  hover(options?: { timeout?: number; force?: boolean }): Promise<void>;
  /** Runs `fn` in the page with the element (serialized: it may use only its argument and browser globals). */
  evaluate<R, E = unknown>(fn: (element: E) => R): Promise<R>;
  evaluate<R, E, A>(fn: (element: E, arg: A) => R, arg: A): Promise<R>;
  screenshot(options: { path: string }): Promise<unknown>;
}

export interface Page {
  goto(url: string, options?: { waitUntil?: "load" | "domcontentloaded"; timeout?: number }): Promise<unknown>;
  exposeFunction(name: string, fn: (...args: never[]) => unknown): Promise<void>;
  locator(selector: string): Locator;
  getByRole(role: string, options?: { name?: string | RegExp; exact?: boolean }): Locator;
  waitForTimeout(ms: number): Promise<void>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  on(event: "console", fn: (message: { type(): string; text(): string }) => void): void;
  on(event: "pageerror", fn: (error: Error) => void): void;
  keyboard: { press(key: string): Promise<void>; type(text: string, options?: { delay?: number }): Promise<void> };
  setDefaultTimeout(ms: number): void;
}

export interface Browser {
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}

interface PlaywrightCore {
  chromium: { launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<Browser> };
}

export const chromiumPath = process.env.ETCETERA_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Chromium reaches for Google's services at every start (sign-in, autofill,
 * updates); these tests talk to code-server on 127.0.0.1 only, so every other
 * host name fails inside Chromium without a DNS query.
 */
const quietFlags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-features=AutofillServerCommunication,OptimizationHints,Translate,MediaRouter,DnsOverHttps",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

export async function launchChromium(): Promise<Browser> {
  const require = createRequire(join(editorsCache, "code-server/package.json"));
  const playwright = require("playwright-core") as PlaywrightCore;
  return playwright.chromium.launch({ executablePath: chromiumPath, headless: true, args: quietFlags });
}
