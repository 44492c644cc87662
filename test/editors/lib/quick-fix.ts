import type { Locator, Page } from "./browser.js";

/**
 * Opens the Quick Fix menu (Ctrl+.) at the cursor until `row` shows in it. VS Code asks the language server
 * once, when the keys are pressed; pressed while the document's diagnostics are still on their way (a loaded
 * CI machine: both code-server suites timed out here once, in the same run), it shows nothing and does not ask
 * again. So the keys are pressed again, three times at most, as a user would.
 */
export async function openQuickFix(page: Page, row: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press("Control+.");
    try {
      await row.first().waitFor({ timeout: 10_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press("Escape");
    }
  }
}
