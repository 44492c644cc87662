/**
 * The packaged extension as a user meets it: the .vsix installed into a real
 * VS Code (code-server) with `--install-extension`, driven through its UI in
 * Chromium with Playwright. Screenshots of each step go to
 * test-results/editors/. code-server and Chromium are installed on first use;
 * an install failure fails this test.
 */
import assert from "node:assert/strict";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "./lib/browser.js";
import { ensurePackaged } from "./lib/build.js";
import { type CodeServer, startCodeServer } from "./lib/code-server.js";
import { installEditor, removeScratch, repoRoot, scratchDir } from "./lib/install.js";
import { pressUntilShown } from "./lib/press-until-shown.js";
import { openWorkbench, type Workbench } from "./lib/workbench.js";

const shots = join(repoRoot, "test-results/editors");

describe("the packaged extension in VS Code's UI", () => {
  let server: CodeServer;
  let workbench: Workbench;
  let page: Page;
  let scratch: string;
  const logs: string[] = [];

  const shoot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`) });
  /** A step of the walk-through; a failed step leaves a screenshot of what the page showed. */
  const step = (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      try {
        await fn();
      } catch (e) {
        await shoot(`failed-${name.replace(/\W+/g, "-")}`).catch(() => {});
        throw e;
      }
    });
  /** The visible lines of the main editor, one a line (Monaco renders spaces as U+00A0). */
  const editorText = async () =>
    (await page.locator(".editor-group-container .monaco-editor .view-lines").first().locator(".view-line").allTextContents())
      .join("\n")
      .replace(/\u00a0/g, " ");

  before(async () => {
    installEditor("code-server");
    const vsix = ensurePackaged();
    rmSync(shots, { recursive: true, force: true });
    mkdirSync(shots, { recursive: true });
    scratch = scratchDir("ui");
    server = await startCodeServer({ scratch: join(scratch, "code-server"), vsix: [vsix] });
    const folder = join(scratch, "workspace");
    cpSync(join(repoRoot, "test/editors/fixtures/workspace"), folder, { recursive: true });
    workbench = await openWorkbench(server, { folder, onLog: (line) => logs.push(line) });
    page = workbench.page;
    page.setDefaultTimeout(30_000);
  });

  after(async () => {
    if (page) await shoot("last").catch(() => {});
    await workbench?.close();
    await server?.stop();
    if (scratch) removeScratch(scratch);
  });

  step("opens a unit from the Explorer and underlines its mistakes", async () => {
    await page.getByRole("treeitem", { name: "typo.service" }).dblclick();
    // Restrat= is an error; MemoryLimit= is deprecated (a warning or a hint of its own severity).
    await page.locator(".monaco-editor .squiggly-error").first().waitFor();
    await page.locator(`.monaco-editor :is(${squiggles})`).nth(1).waitFor();
    await shoot("1-squiggles");
  });

  step("shows the detected kind and target version in the status bar", async () => {
    const item = page.locator(".statusbar-item").filter({ hasText: "systemd unit" });
    await item.first().waitFor();
    assert.match((await item.first().textContent()) ?? "", /systemd unit · systemd \d+/);
  });

  step("lists the problems with their rule ids in the Problems panel", async () => {
    await page.keyboard.press("Control+Shift+M");
    const panel = page.locator(".markers-panel");
    await panel.locator(".monaco-list-row").filter({ hasText: "Restrat" }).first().waitFor();
    const text = (await panel.textContent()) ?? "";
    assert.match(text, /Unknown directive 'Restrat' in \[Service\]/);
    assert.match(text, /systemd\/unknown-directive/);
    assert.match(text, /MemoryLimit= is deprecated/);
    await shoot("2-problems");
  });

  step("completes a directive name from the suggest widget", async () => {
    // A new line under MemoryLimit=1G, in [Service].
    await page.locator(".monaco-editor .view-lines").first().click();
    await goToLine(page, 8);
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Restar");
    await waitUntil(async () => /^Restar$/m.test(await editorText()), "'Restar' typed on a line of its own");
    const restart = page.locator(".editor-widget.suggest-widget .monaco-list-row").filter({ hasText: /^Restart\b/ });
    await pressUntilShown(page, "Control+Space", restart);
    await shoot("3-completion");
    await restart.first().click();
    await waitUntil(async () => /^Restart=$/m.test(await editorText()), "completion to insert 'Restart='");
    // The value list opens by itself after a directive that has values, each value explained.
    const suggest = page.locator(".editor-widget.suggest-widget");
    await suggest
      .locator(".monaco-list-row")
      .filter({ hasText: /^on-failure/ })
      .first()
      .waitFor();
    await shoot("3b-value-completion");
    await page.keyboard.press("Escape");
    await suggest.waitFor({ state: "hidden" });
  });

  step("fixes the misspelled directive with a quick fix", async () => {
    await goToLine(page, 7);
    const fix = page.locator(".action-widget .monaco-list-row").filter({ hasText: "Restart" }).first();
    await pressUntilShown(page, "Control+.", fix);
    // Every finding can be turned off for its line or its file, from the same menu.
    await page
      .locator(".action-widget .monaco-list-row")
      .filter({ hasText: "Disable systemd/unknown-directive for this line" })
      .first()
      .waitFor();
    await shoot("4-quick-fix-menu");
    await fix.click();
    await waitUntil(async () => /^Restart=always$/m.test(await editorText()), "the quick fix to rename Restrat= to Restart=");
    assert.doesNotMatch(await editorText(), /Restrat=/);
    // The server checks the new text: the problem leaves the Problems panel.
    await page.locator(".markers-panel .monaco-list-row").filter({ hasText: "Restrat" }).first().waitFor({ state: "hidden" });
    await shoot("5-quick-fix-applied");
  });

  step('runs "Etcetera: Restart Language Server" from the command palette', async () => {
    await runCommand(page, "Etcetera: Restart Language Server", () => shoot("6-command-palette"));
    // The server's log says so, and the restarted server checks the open unit again.
    await runCommand(page, "Etcetera: Show Server Log");
    await page.locator(".panel .monaco-editor .view-lines").filter({ hasText: "Language server restarted." }).first().waitFor();
    await page.locator(`.editor-group-container .monaco-editor :is(${squiggles})`).first().waitFor();
    await shoot("7-restarted");
  });
});

/** Squiggles of every severity. */
const squiggles = ".squiggly-error, .squiggly-warning, .squiggly-info, .squiggly-hint";

/** Runs a command from the command palette (F1) by its title, as a user does. */
async function runCommand(page: Page, title: string, beforeEnter?: () => Promise<unknown>): Promise<void> {
  const quickInput = page.locator(".quick-input-widget");
  await page.keyboard.press("F1");
  await quickInput.waitFor({ state: "visible" });
  await page.keyboard.type(title);
  await quickInput
    .locator(".monaco-list-row")
    .filter({ hasText: title.replace(/^\w+: /, "") })
    .first()
    .waitFor();
  await beforeEnter?.();
  await page.keyboard.press("Enter");
  await quickInput.waitFor({ state: "hidden" });
}

async function goToLine(page: Page, line: number): Promise<void> {
  const quickInput = page.locator(".quick-input-widget");
  await page.keyboard.press("Control+g");
  await quickInput.waitFor({ state: "visible" });
  await page.keyboard.type(String(line));
  await page.keyboard.press("Enter");
  await quickInput.waitFor({ state: "hidden" });
}

async function waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
