/**
 * The tour of the extension in a real VS Code (code-server + Chromium), as a
 * new user takes it: the walkthrough with a step per kind; each "Create"
 * command opening a clean file in its own language; a squiggle, hover, quick
 * fix and completion in each kind; Format Document and format on save;
 * semantic tokens; the language icons; the Hosts view empty, a host added
 * from it, the deploy confirmation answered "Deploy Anyway" and the unit's
 * page answered "Stop" and "Restart" (as root: a real systemd host,
 * test/remote/host/test-host.ts, reached by plain `ssh ALIAS` as in
 * deploy.test.ts); the scope question of "Set Target systemd Version"; the
 * effective unit and the Dependencies view. The web workbench draws modal
 * dialogs in the page, so these steps click the buttons a user clicks and
 * check the effect on the host and in the settings. Each step leaves a
 * screenshot: in test-results/editors/tour, or, with ETCETERA_SCREENSHOTS=DIR
 * (`npm run screenshots`), the set under DIR that the README shows.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { samples } from "../../client/src/walkthrough/samples.js";
import { hostFile, startTestHost, type TestHost } from "../remote/host/test-host.js";
import type { Page } from "./lib/browser.js";
import { ensurePackaged } from "./lib/build.js";
import { type CodeServer, startCodeServer } from "./lib/code-server.js";
import { installEditor, removeScratch, repoRoot, scratchDir } from "./lib/install.js";
import { pressUntilShown } from "./lib/press-until-shown.js";
import { openWorkbench, type Workbench } from "./lib/workbench.js";

const publish = process.env.ETCETERA_SCREENSHOTS;
const shots = publish ? join(repoRoot, publish) : join(repoRoot, "test-results/editors/tour");
const squiggles = ".squiggly-error, .squiggly-warning, .squiggly-info, .squiggly-hint";
const notRoot = process.getuid?.() !== 0 ? "needs root: the test host is a systemd-nspawn container" : false;

describe("the tour in VS Code", { timeout: 900_000 }, () => {
  let server: CodeServer;
  let workbench: Workbench;
  let page: Page;
  let scratch: string;
  let folder: string;
  let host: TestHost | undefined;

  const shoot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`) });
  const step = (name: string, fn: () => Promise<void>, options: { skip?: string | false } = {}) =>
    it(name, options, async () => {
      try {
        await fn();
      } catch (e) {
        await page
          .screenshot({ path: join(repoRoot, "test-results/editors", `failed-tour-${name.replace(/\W+/g, "-")}.png`) })
          .catch(() => {});
        // Leave no widget open for the next step.
        await page.keyboard.press("Escape").catch(() => {});
        await page.keyboard.press("Escape").catch(() => {});
        throw e;
      }
    });
  const editor = () => page.locator(".editor-group-container .monaco-editor").first();
  /** The colour the editor draws `text` in: the innermost element of a visible line whose whole text it is. */
  const colourOf = async (text: string) =>
    editor()
      .locator(".view-lines")
      .first()
      .evaluate((el: DomElement, wanted: string) => {
        // Monaco merges neighbouring tokens of one colour into one element: the shortest element holding the text.
        const span = Array.from(el.querySelectorAll(".view-line span span"))
          .filter((s) => (s.textContent ?? "").replace(/\u00a0/g, " ").includes(wanted))
          .sort((a, b) => (a.textContent ?? "").length - (b.textContent ?? "").length)[0];
        if (!span) throw new Error(`no token '${wanted}' on screen`);
        return (globalThis as unknown as BrowserGlobals).getComputedStyle(span, "").color;
      }, text);
  /** The visible lines in order: Monaco reuses line elements, so their order in the DOM is not the lines' order. */
  const editorText = async () =>
    (
      await editor()
        .locator(".view-lines")
        .first()
        .evaluate((el: DomElement) =>
          Array.from(el.querySelectorAll(".view-line"))
            .sort((a, b) => Number.parseFloat(a.style.top) - Number.parseFloat(b.style.top))
            .map((l) => l.textContent ?? "")
            .join("\n"),
        )
    ).replace(/\u00a0/g, " ");

  before(async () => {
    installEditor("code-server");
    const vsix = ensurePackaged();
    if (!publish) rmSync(shots, { recursive: true, force: true });
    mkdirSync(shots, { recursive: true });
    mkdirSync(join(repoRoot, "test-results/editors"), { recursive: true });
    scratch = scratchDir("tour");
    const env: Record<string, string> = {};
    if (!notRoot) {
      host = await startTestHost("tour");
      // The extension runs plain `ssh ALIAS`: the first ssh on its PATH reads the host's config.
      const ssh = spawnSync("sh", ["-c", "command -v ssh"], { encoding: "utf8" }).stdout.trim();
      const bin = join(host.dir, "bin");
      mkdirSync(bin);
      writeFileSync(join(bin, "ssh"), `#!/bin/sh\nexec '${ssh}' -F '${host.sshConfig}' "$@"\n`);
      chmodSync(join(bin, "ssh"), 0o755);
      Object.assign(env, {
        PATH: `${bin}:${process.env.PATH ?? ""}`,
        // Keep that PATH: VS Code's server replaces it with a login shell's otherwise.
        VSCODE_CLI: "1",
        ETCETERA_SSH_CONTROL_DIR: host.controlDir,
      });
    }
    server = await startCodeServer({
      scratch: join(scratch, "code-server"),
      vsix: [vsix],
      env,
      settings: { "[systemd-unit]": { "editor.formatOnSave": true }, "workbench.colorTheme": "Default Dark Modern" },
    });
    folder = join(scratch, "workspace");
    cpSync(join(repoRoot, "test/editors/fixtures/tour"), folder, { recursive: true });
    chmodSync(join(folder, "netplan/01-netcfg.yaml"), 0o600);
    workbench = await openWorkbench(server, { folder });
    page = workbench.page;
    page.setDefaultTimeout(30_000);
    await page.locator(".explorer-folders-view").first().waitFor();
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
    await host?.stop();
    if (scratch) removeScratch(scratch);
  });

  step("the walkthrough has a step per kind, and one for hosts and deploy", async () => {
    await runCommand(page, "Welcome: Open Walkthrough...", undefined, "Open Walkthrough");
    const pick = page.locator(".quick-input-widget .monaco-list-row").filter({ hasText: "Get started with Etcetera" }).first();
    await pick.waitFor();
    await pick.click();
    const body = page.locator(".gettingStartedContainer").first();
    for (const title of [
      "Create a service",
      "Create a timer",
      "Create a crontab",
      "Create a netplan file",
      "Create a logrotate config",
      "Deploy to a host",
    ])
      await body.locator(".step-title").filter({ hasText: title }).first().waitFor();
    await shoot("walkthrough");
    await page.keyboard.press("Control+w");
    await runCommand(page, "View: Close Secondary Side Bar", undefined, "Close Secondary Side Bar").catch(() =>
      page.keyboard.press("Escape"),
    );
  });

  const modes: Record<string, string> = { "systemd-unit": "systemd unit", crontab: "crontab", netplan: "Netplan", logrotate: "logrotate" };
  const titles: Record<string, string> = {
    "etcetera.new.service": "Etcetera: New systemd Service",
    "etcetera.new.timer": "Etcetera: New systemd Timer",
    "etcetera.new.crontab": "Etcetera: New Crontab",
    "etcetera.new.netplan": "Etcetera: New Netplan File",
    "etcetera.new.logrotate": "Etcetera: New logrotate Config",
  };
  for (const sample of samples) {
    step(`"${titles[sample.command]}" opens a clean ${sample.path} in its own language`, async () => {
      await runCommand(page, titles[sample.command] as string);
      const firstLine = sample.text.split("\n")[0] as string;
      await waitUntil(async () => (await editorText()).includes(firstLine.trim()), `the sample of ${sample.path}`);
      const mode = page.locator("#status\\.editor\\.mode");
      await waitUntil(
        async () => ((await mode.textContent()) ?? "").trim() === modes[sample.languageId],
        `language mode ${modes[sample.languageId]}`,
      );
      // The server has read it when our status bar item names its kind; then it must stay clean.
      await page.locator(".statusbar-item:has(.codicon-server-process)").first().waitFor();
      await page.waitForTimeout(1500);
      assert.equal(await editor().locator(squiggles).count(), 0, `${sample.path} is clean`);
      await shoot(`new-${sample.path.replace(/\W+/g, "-")}`);
    });
  }

  // Quick Open reads '@' as "go to symbol": web@.service is found by "web".
  const tour: { query: string; file: string; kind: string; complete: string }[] = [
    { query: "web", file: "web@.service", kind: "systemd", complete: "" },
    { query: "backup.timer", file: "backup.timer", kind: "timer", complete: "" },
    { query: "cron.d/backup", file: "backup", kind: "crontab", complete: "" },
    { query: "01-netcfg.yaml", file: "01-netcfg.yaml", kind: "netplan", complete: "" },
    { query: "logrotate.d/app", file: "app", kind: "logrotate", complete: "" },
  ];
  for (const t of tour) {
    step(`${t.kind}: squiggle, hover, quick fix and completion`, async () => {
      await quickOpen(page, t.query, t.file);
      const squiggle = editor().locator(".squiggly-error").first();
      await squiggle.waitFor();
      await shoot(`${t.kind}-1-squiggle`);
      // Squiggles are drawn under the text layer: hover where they are, through it.
      await squiggle.hover({ force: true });
      await page.locator(".monaco-hover:not(.hidden)").first().waitFor();
      await shoot(`${t.kind}-2-hover`);
      await page.keyboard.press("Escape");
      // The cursor onto the first problem, as F8 (Go to Next Problem) puts it; Escape closes the peek.
      await editor().locator(".view-line").first().click();
      await page.keyboard.press("Control+Home");
      await page.keyboard.press("F8");
      await page.locator(".marker-widget").first().waitFor();
      await page.keyboard.press("Escape");
      await pressUntilShown(page, "Control+.", page.locator(".action-widget .monaco-list-row"));
      await shoot(`${t.kind}-3-quick-fix`);
      await page.keyboard.press("Escape");
      // Completion on a new line at the end.
      await page.keyboard.press("Control+End");
      await page.keyboard.press("Enter");
      if (t.complete) await page.keyboard.type(t.complete.slice(0, 3));
      await page.keyboard.press("Control+Space");
      await page.locator(".editor-widget.suggest-widget .monaco-list-row").first().waitFor();
      await shoot(`${t.kind}-4-completion`);
      await page.keyboard.press("Escape");
      await page.keyboard.press("Control+z");
      await page.keyboard.press("Control+z");
    });
  }

  step("Format Document tidies a unit; format on save too", async () => {
    await quickOpen(page, "messy.service");
    await waitUntil(async () => (await editorText()).includes("Description = Formatted"), "messy.service open");
    await runCommand(page, "Format Document", undefined, "Format Document");
    await waitUntil(async () => /^Description=Formatted by Format Document$/m.test(await editorText()), "Description=… formatted");
    const text = await editorText();
    assert.match(text, /^\[Unit\]$/m);
    assert.match(text, /^ExecStart=\/usr\/bin\/messy \\$/m);
    assert.match(text, /^ {4}--flag$/m, "the continuation line keeps its indentation");
    assert.match(text, /Description=Formatted by Format Document\n\n\[Service\]/, "one blank line before [Service]");
    await shoot("format-document");
    await page.keyboard.press("Control+s");
    await quickOpen(page, "saved.service");
    await waitUntil(async () => (await editorText()).includes("Description = Formatted on save"), "saved.service open");
    await editor().locator(".view-line").first().click();
    await page.keyboard.press("Control+s");
    await waitUntil(async () => /^Description=Formatted on save$/m.test(await editorText()), "formatted on save");
  });

  step("semantic tokens: a specifier is a macro, a time span a number", async () => {
    await quickOpen(page, "web", "web@.service");
    await editor().locator(".view-line").filter({ hasText: "ExecStart" }).first().waitFor();
    await goTo(page, 7, 31);
    await runCommand(page, "Developer: Inspect Editor Tokens and Scopes", undefined, "Inspect Editor Tokens");
    const widget = page.locator(".token-inspect-widget").first();
    await waitUntil(async () => /semantic token type\s*macro/.test((await widget.textContent()) ?? ""), "%i inspected as macro");
    await shoot("semantic-tokens");
    await page.keyboard.press("Escape");
    await page.locator(".token-inspect-widget").first().waitFor({ state: "hidden" });
    // In the default dark theme each kind is drawn in a colour of its own, apart from the plain text of the value.
    const plain = await colourOf("--site");
    const colours: Record<string, string> = {};
    for (const text of ["%i", "$OPTS", "1min 30s", "Service"]) {
      colours[text] = await colourOf(text);
      assert.notEqual(colours[text], plain, `${text} is drawn like plain text (${plain})`);
    }
    assert.notEqual(colours["%i"], colours.$OPTS, "a specifier and a variable look alike");
    await quickOpen(page, "backup.timer");
    await waitUntil(
      async () => (await colourOf("*-*-* 03:30:00").catch(() => plain)) !== plain,
      "the calendar event in a colour of its own",
    );
    assert.notEqual(await colourOf("*-*-* 03:30:00"), await colourOf("Back up every night"));
    // The hover on the calendar event shows it as written: Markdown must not read its asterisks as emphasis.
    await editor().locator(".view-line span span").filter({ hasText: "03:30:00" }).first().hover();
    const hover = page.locator(".monaco-hover:not(.hidden)").first();
    await waitUntil(async () => ((await hover.textContent()) ?? "").includes("*-*-* 03:30:00"), "the calendar hover with *-*-* 03:30:00");
    await page.keyboard.press("Escape");
  });

  step("each language has its own icon in the Explorer; a netplan file keeps it", async () => {
    const row = (name: string) =>
      page
        .locator(".explorer-folders-view .monaco-list-row")
        .filter({ has: page.locator(".label-name").filter({ hasText: new RegExp(`^${name.replace(/[.]/g, "\\.")}$`) }) })
        .first();
    const iconOf = async (name: string) => {
      await row(name).waitFor();
      return row(name)
        .locator(".monaco-icon-label")
        .first()
        .evaluate((el: DomElement) => (globalThis as unknown as BrowserGlobals).getComputedStyle(el, "::before").backgroundImage);
    };
    // cron.d may be folded: unfold it as a user would.
    if ((await row("backup").count()) === 0) await row("cron.d").click();
    const icons = {
      systemd: await iconOf("web@.service"),
      crontab: await iconOf("backup"),
      netplan: await iconOf("01-netcfg.yaml"),
      logrotate: await iconOf("app"),
    };
    for (const [language, icon] of Object.entries(icons)) assert.match(icon, new RegExp(`lang-${language}\\.svg`), `${language}: ${icon}`);
    assert.equal(new Set(Object.values(icons)).size, 4, "four different icons");
  });

  step("rule ids in the Problems panel link to the rule's documentation page", async () => {
    await quickOpen(page, "web", "web@.service");
    await page.keyboard.press("Control+Shift+M");
    // The panel shows the first files' rows (its list draws only what fits): each rule id there is a link to its page.
    const links = page.locator(".markers-panel a.monaco-link");
    await links.first().waitFor();
    const count = await links.count();
    assert.ok(count >= 3, `${count} rule links`);
    for (let i = 0; i < count; i++) {
      const rule = ((await links.nth(i).textContent()) ?? "").trim();
      assert.match(rule, /^(systemd|crontab|cron|netplan|logrotate)\/[a-z0-9-]+$/);
      assert.ok(((await links.nth(i).getAttribute("href")) ?? "").endsWith(`/docs/rules/${rule}.md`), `${rule} links its page`);
    }
    await shoot("problems-rule-links");
    await runCommand(page, "View: Hide Panel", undefined, "Hide Panel").catch(() => page.keyboard.press("Escape"));
  });

  /** A button of the modal dialog, which the web workbench draws in the page. */
  const dialog = () => page.locator(".monaco-dialog-box").first();
  const dialogButton = (name: string) => dialog().locator(".dialog-buttons .monaco-button").filter({ hasText: name }).first();
  const hostsRow = (text: string | RegExp) =>
    page
      .locator(".pane")
      .filter({ has: page.getByRole("button", { name: /Hosts/ }) })
      .locator(".monaco-list-row")
      .filter({ hasText: text })
      .first();

  step("the Hosts view without hosts; Add a Host asks which host", async () => {
    await page
      .getByRole("button", { name: /Hosts/ })
      .first()
      .click()
      .catch(() => undefined);
    const welcome = page.locator(".welcome-view-content").filter({ hasText: "No hosts yet" }).first();
    await welcome.waitFor();
    await shoot("hosts-empty");
    await welcome.getByRole("button", { name: "Add a Host" }).click();
    const quickInput = page.locator(".quick-input-widget");
    await quickInput.filter({ hasText: "Deploy to which host?" }).first().waitFor();
    await shoot("hosts-add");
    if (!host) {
      await page.keyboard.press("Escape");
      return;
    }
    // "Another host…", then the ssh alias, as a user types it.
    await quickInput.locator(".monaco-list-row").filter({ hasText: "Another host" }).first().click();
    await quickInput.filter({ hasText: "ssh config Host alias" }).first().waitFor();
    await page.keyboard.type(host.alias);
    await page.keyboard.press("Enter");
    await quickInput.waitFor({ state: "hidden" });
    await hostsRow(host.alias).waitFor();
    await waitUntil(async () => /current/.test((await hostsRow(host?.alias ?? "").textContent()) ?? ""), "the added host marked current");
  });

  step(
    "deploy: a file with a lint error asks first; Deploy Anyway installs and starts it on the host",
    async () => {
      const h = host as TestHost;
      await quickOpen(page, "hello.service");
      await editor().locator(".squiggly-error").first().waitFor();
      await runCommand(page, "Etcetera: Deploy and Restart");
      await dialog().filter({ hasText: "lint error(s) in hello.service" }).waitFor({ timeout: 120_000 });
      assert.match((await dialog().textContent()) ?? "", /Unknown directive 'Restrat'/);
      await shoot("deploy-dialog");
      // Nothing reached the host while the question is open.
      assert.equal(hostFile(h, "etc/systemd/system/hello.service"), undefined);
      await dialogButton("Deploy Anyway").click();
      await dialog().waitFor({ state: "hidden" });
      await waitUntil(
        async () => h.run("systemctl is-active hello.service").stdout.trim() === "active",
        "hello.service active on the host",
        120_000,
      );
      assert.match(hostFile(h, "etc/systemd/system/hello.service") ?? "", /^Description=Hello from the tour$/m);
      // The Hosts view lists the deployed unit under the host with its state.
      await waitUntil(
        async () => /active \(running\)/.test((await hostsRow("hello.service").textContent()) ?? ""),
        "hello.service active in the Hosts view",
        60_000,
      );
      await shoot("hosts-with-host");
    },
    { skip: notRoot },
  );

  step(
    "the unit's page: Stop and Restart ask first, and the answer acts on the host",
    async () => {
      const h = host as TestHost;
      const row = hostsRow("hello.service");
      await row.hover();
      await row.locator(".action-label.codicon-info").click();
      const lenses = page.locator(".editor-group-container .codelens-decoration");
      await lenses
        .locator("a")
        .filter({ hasText: /^Stop$/ })
        .first()
        .waitFor({ timeout: 60_000 });
      const pid = h.run("systemctl show -p MainPID --value hello.service").stdout.trim();
      // Escape is no: the unit keeps running.
      await lenses
        .locator("a")
        .filter({ hasText: /^Stop$/ })
        .first()
        .click();
      await dialog().filter({ hasText: "Stop hello.service" }).waitFor();
      await shoot("unit-stop-dialog");
      await page.keyboard.press("Escape");
      await dialog().waitFor({ state: "hidden" });
      assert.equal(h.run("systemctl is-active hello.service").stdout.trim(), "active");
      // Stop in the dialog stops it.
      await lenses
        .locator("a")
        .filter({ hasText: /^Stop$/ })
        .first()
        .click();
      await dialogButton("Stop").click();
      await waitUntil(
        async () => h.run("systemctl is-active hello.service").stdout.trim() === "inactive",
        "hello.service stopped on the host",
        60_000,
      );
      // Restart in the dialog starts it again, as a new process.
      await lenses
        .locator("a")
        .filter({ hasText: /^Restart$/ })
        .first()
        .click();
      await dialogButton("Restart").click();
      await waitUntil(
        async () => h.run("systemctl is-active hello.service").stdout.trim() === "active",
        "hello.service restarted on the host",
        60_000,
      );
      assert.notEqual(h.run("systemctl show -p MainPID --value hello.service").stdout.trim(), pid);
      await waitUntil(async () => /State:.*active \(running\)/.test(await editorText()), "the page to show the unit running", 60_000);
      await shoot("unit-page");
    },
    { skip: notRoot },
  );

  step("the effective unit", async () => {
    await quickOpen(page, "backup.timer");
    await runCommand(page, "Etcetera: Show Effective Unit");
    await waitUntil(
      async () =>
        (await page
          .locator(".tab")
          .filter({ hasText: /effective|backup\.timer/i })
          .count()) > 1,
      "the effective unit",
    );
    await shoot("effective-unit");
  });

  step("the Dependencies view: what a unit pulls in and its ordering", async () => {
    // One editor group and no secondary side bar, so the picture is the view and the unit.
    await runCommand(page, "View: Single Column Editor Layout", undefined, "Single Column Editor Layout").catch(() =>
      page.keyboard.press("Escape"),
    );
    await runCommand(page, "View: Close Secondary Side Bar", undefined, "Close Secondary Side Bar").catch(() =>
      page.keyboard.press("Escape"),
    );
    await quickOpen(page, "web", "web@.service");
    await page.locator(".tabs-container .tab.active").filter({ hasText: "web@.service" }).first().waitFor();
    await page
      .getByRole("tab", { name: /^Etcetera/ })
      .first()
      .click();
    const sidebar = page.locator(".part.sidebar");
    const rows = async () => (await sidebar.locator(".monaco-list-row").allTextContents()).map((t) => t.replace(/\u00a0/g, " "));
    const groups = ["Pulls in", "Pulled in by", "Ordered after", "Ordered before"];
    // web@.service has Wants= and After= on network-online.target: an entry under "Pulls in" with its directive.
    const listed = (text: string[]) =>
      groups.every((g) => text.some((r) => r.startsWith(g))) && text.some((r) => /^network-online\.target.*Wants=/.test(r));
    // The view renders as it follows the editor: wait for the whole list, then say what is missing if it never comes.
    await waitUntil(async () => listed(await rows()), "the Dependencies view of web@.service").catch(() => undefined);
    const text = await rows();
    for (const group of groups)
      assert.ok(
        text.some((r) => r.startsWith(group)),
        `${group} missing: ${text.join(" | ")}`,
      );
    assert.ok(
      text.some((r) => /^network-online\.target.*Wants=/.test(r)),
      text.join("\n"),
    );
    await shoot("dependencies");
  });

  step('"Set Target systemd Version" asks where to save it, and saves it there', async () => {
    const workspaceSettings = join(folder, ".vscode/settings.json");
    const userSettings = join(scratch, "code-server/user-data/User/settings.json");
    const read = (file: string) => {
      try {
        return readFileSync(file, "utf8");
      } catch {
        return "";
      }
    };
    const setVersion = async (version: string, scope: string) => {
      await runCommand(page, "Etcetera: Set Target systemd Version");
      const quickInput = page.locator(".quick-input-widget");
      await quickInput.locator(".monaco-list-row").filter({ hasText: version }).first().click();
      await quickInput.filter({ hasText: "Save the target systemd version for" }).first().waitFor();
      if (scope === "This workspace") await shoot("set-version-scope");
      await quickInput.locator(".monaco-list-row").filter({ hasText: scope }).first().click();
      await quickInput.waitFor({ state: "hidden" });
    };
    await quickOpen(page, "web", "web@.service");
    await setVersion("252 (Debian 12", "This workspace");
    await waitUntil(async () => /"etcetera\.systemd\.version": 252/.test(read(workspaceSettings)), "252 in the workspace settings");
    assert.doesNotMatch(read(userSettings), /etcetera\.systemd\.version/, "the user settings are left alone");
    await setVersion("249 (Ubuntu 22.04)", "All my workspaces");
    await waitUntil(async () => /"etcetera\.systemd\.version": 249/.test(read(userSettings)), "249 in the user settings");
    assert.match(read(workspaceSettings), /"etcetera\.systemd\.version": 252/, "the workspace keeps its own");
    // The workspace's value wins for this folder: the status bar says so.
    await waitUntil(
      async () =>
        ((await page.locator(".statusbar-item").filter({ hasText: "systemd unit" }).first().textContent()) ?? "").includes("systemd 252"),
      "systemd 252 in the status bar",
    );
  });
});

/** The little of the DOM the page functions use (this suite type-checks without the DOM library). */
interface DomElement {
  querySelectorAll(selector: string): ArrayLike<{ style: { top: string }; textContent: string | null }>;
}
interface BrowserGlobals {
  getComputedStyle(element: unknown, pseudo: string): { backgroundImage: string; color: string };
}

/** Runs a command from the command palette (F1) by its title, as a user does. */
async function runCommand(page: Page, title: string, beforeEnter?: () => Promise<unknown>, rowText?: string): Promise<void> {
  const quickInput = page.locator(".quick-input-widget");
  await page.keyboard.press("F1");
  await quickInput.waitFor({ state: "visible" });
  await page.keyboard.type(title);
  await quickInput
    .locator(".monaco-list-row")
    .filter({ hasText: rowText ?? title.replace(/^\w+: /, "") })
    .first()
    .waitFor();
  await beforeEnter?.();
  await page.keyboard.press("Enter");
}

async function quickOpen(page: Page, query: string, name = query): Promise<void> {
  const quickInput = page.locator(".quick-input-widget");
  await page.keyboard.press("Control+p");
  await quickInput.waitFor({ state: "visible" });
  await page.keyboard.type(query);
  // The row Enter opens: the results update as one types, so wait for the focused one to be it.
  await quickInput.locator(".monaco-list-row.focused").filter({ hasText: name }).first().waitFor();
  await page.keyboard.press("Enter");
  await quickInput.waitFor({ state: "hidden" });
}

async function goTo(page: Page, line: number, column: number): Promise<void> {
  const quickInput = page.locator(".quick-input-widget");
  await page.keyboard.press("Control+g");
  await quickInput.waitFor({ state: "visible" });
  await page.keyboard.type(`${line}:${column}`);
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
