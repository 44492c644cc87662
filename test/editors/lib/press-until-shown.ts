import type { Locator, Page } from "./browser.js";

/**
 * Presses `keys` (Ctrl+Space for completion, Ctrl+. for Quick Fix) until `row` shows in the widget they open.
 * VS Code asks the language server once per press; pressed while the document's diagnostics or the server's
 * answer are still on their way (a loaded CI machine: both code-server suites once timed out at their first
 * Ctrl+. in the same run, and pass alone), the widget stays empty and is not filled later. So the keys are
 * pressed again, three times at most, as a user would.
 */
export async function pressUntilShown(page: Page, keys: string, row: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(keys);
    try {
      await row.first().waitFor({ timeout: 10_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press("Escape");
    }
  }
}
