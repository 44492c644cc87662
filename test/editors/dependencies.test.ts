/**
 * The Dependencies view in a real VS Code (code-server, driven by Playwright):
 * the packaged extension opened on a folder whose three services
 * order themselves in a circle. With web.service in the editor, the view in
 * the Etcetera activity bar shows the cycle, the four groups and their units
 * with the cycle marked; clicking a unit opens its file and the view follows.
 * Screenshots go to test-results/editors/dependencies-*.png.
 */
import assert from "node:assert/strict";
import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "./lib/browser.js";
import { ensurePackaged } from "./lib/build.js";
import { type CodeServer, startCodeServer } from "./lib/code-server.js";
import { installEditor, removeScratch, repoRoot, scratchDir } from "./lib/install.js";
import { openWorkbench, type Workbench } from "./lib/workbench.js";

const shots = join(repoRoot, "test-results/editors");

describe("the Dependencies view in VS Code", () => {
  let server: CodeServer;
  let workbench: Workbench;
  let page: Page;
  let scratch: string;

  const shoot = (name: string) => page.screenshot({ path: join(shots, `dependencies-${name}.png`) });
  const step = (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      try {
        await fn();
      } catch (e) {
        await shoot(`failed-${name.replace(/\W+/g, "-")}`).catch(() => {});
        throw e;
      }
    });
  /** The side bar, which shows the Etcetera container once its activity bar entry is clicked. */
  const view = () => page.locator(".part.sidebar");
  const row = (text: string | RegExp) => view().locator(".monaco-list-row").filter({ hasText: text }).first();
  const rows = async () => (await view().locator(".monaco-list-row").allTextContents()).map((t) => t.replace(/\u00a0/g, " "));

  before(async () => {
    installEditor("code-server");
    const vsix = ensurePackaged();
    mkdirSync(shots, { recursive: true });
    scratch = scratchDir("dependencies");
    server = await startCodeServer({ scratch: join(scratch, "code-server"), vsix: [vsix] });
    const folder = join(scratch, "workspace");
    // A flat folder of units: it is one unit set of its own, like /etc/systemd/system.
    cpSync(join(repoRoot, "test/fixtures/ordering-cycle/chain-of-three/etc/systemd/system"), folder, { recursive: true });
    workbench = await openWorkbench(server, { folder });
    page = workbench.page;
    page.setDefaultTimeout(30_000);
  });

  after(async () => {
    if (page) await shoot("last").catch(() => {});
    await workbench?.close();
    await server?.stop();
    if (scratch) removeScratch(scratch);
  });

  step("shows the unit's ordering cycle, what it pulls in and its ordering", async () => {
    await page.getByRole("treeitem", { name: "web.service" }).dblclick();
    await page.locator(".tabs-container .tab").filter({ hasText: "web.service" }).first().waitFor();
    await page
      .getByRole("tab", { name: /^Etcetera/ })
      .first()
      .click();
    await row("Ordering cycle").waitFor();
    await row("Ordered before").waitFor();
    const text = await rows();
    assert.ok(
      text.some((r) => r.includes("Ordering cycle: web.service → cache.service → db.service → web.service")),
      text.join("\n"),
    );
    for (const group of ["Pulls in", "Pulled in by", "Ordered after", "Ordered before"])
      assert.ok(
        text.some((r) => r.startsWith(group)),
        `${group} missing: ${text.join(" | ")}`,
      );
    // cache.service: pulled in by Wants= and ordered after by After=, both edges of the cycle.
    assert.ok(
      text.some((r) => /^cache\.service.*ordering cycle.*Wants=/.test(r)),
      text.join("\n"),
    );
    assert.ok(
      text.some((r) => /^cache\.service.*ordering cycle.*After=/.test(r)),
      text.join("\n"),
    );
    assert.ok(
      text.some((r) => /^sysinit\.target.*systemd's own unit/.test(r)),
      text.join("\n"),
    );
    // The cycle is highlighted with an icon of its own.
    assert.ok((await view().locator(".monaco-list-row .codicon-warning").count()) >= 2);
    await shoot("1-web");
  });

  step("opens a unit's file from the view, and the view follows the editor", async () => {
    await row(/^db\.service/).click();
    await page.locator(".tabs-container .tab.active").filter({ hasText: "db.service" }).first().waitFor();
    await waitUntil(
      async () => (await rows()).some((r) => r.includes("Ordering cycle: db.service → web.service")),
      "the view to show db.service",
    );
    await shoot("2-db");
  });
});

async function waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
