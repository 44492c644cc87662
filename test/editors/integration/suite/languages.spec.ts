/**
 * What every language of the extension does in a real VS Code: a file with
 * mistakes gets diagnostics with rule ids on the exact token, completion,
 * hover and document symbols come from the bundled server. Each language runs
 * when the extension registers it.
 */
import * as assert from "node:assert/strict";
import { before, describe, it } from "mocha";
import * as vscode from "vscode";
import { diagnosticsOf, extensionId, hoverText, labelOf, open, positionOf, registeredLanguages, ruleOf, waitFor } from "./helpers.js";

interface LanguageCase {
  languageId: string;
  /** A file with mistakes, the rules they break, and one token whose diagnostic must cover exactly it. */
  broken: { file: string; rules: string[]; token: { text: string; rule: string } };
  /** Completion just after `after` offers `label`. */
  completion: { file: string; after: string; label: string };
  /** Hover on `on` says all of `says`. */
  hover: { file: string; on: string; says: RegExp[] };
  /** The outline has a symbol matching each of these (children included). */
  symbols: { file: string; names: RegExp[] };
}

const cases: LanguageCase[] = [
  {
    languageId: "systemd-unit",
    broken: {
      file: "typo.service",
      rules: ["systemd/unknown-directive", "systemd/deprecated-directive"],
      token: { text: "Restrat", rule: "systemd/unknown-directive" },
    },
    completion: { file: "complete.service", after: "Res", label: "Restart" },
    hover: { file: "typo.service", on: "ExecStart", says: [/ExecStart=/, /systemd\.service\.html#ExecStart=/] },
    symbols: { file: "typo.service", names: [/^\[Unit\]$/, /^\[Service\]$/, /^\[Install\]$/, /^ExecStart$/] },
  },
  {
    languageId: "crontab",
    broken: { file: "cron.d/backup", rules: ["cron/field-range"], token: { text: "61", rule: "cron/field-range" } },
    completion: { file: "complete.crontab", after: "@", label: "@daily" },
    hover: { file: "cron.d/backup", on: "30 3 * * 1", says: [/03:30/, /Monday/] },
    symbols: { file: "cron.d/backup", names: [/^SHELL=$/, /\/usr\/local\/bin\/report/] },
  },
  {
    languageId: "netplan",
    broken: {
      file: "netplan/01-netcfg.yaml",
      rules: ["netplan/unknown-key", "netplan/deprecated-gateway"],
      token: { text: "dhcp5", rule: "netplan/unknown-key" },
    },
    completion: { file: "netplan/complete.yaml", after: "      dhc", label: "dhcp4" },
    hover: { file: "netplan/01-netcfg.yaml", on: "renderer", says: [/networkd/, /netplan\.readthedocs\.io/] },
    symbols: { file: "netplan/01-netcfg.yaml", names: [/^network$/, /^ethernets$/, /^eth0$/] },
  },
  {
    languageId: "logrotate",
    broken: {
      file: "logrotate.d/app",
      rules: ["logrotate/unknown-directive", "logrotate/conflicting-directives"],
      token: { text: "notifempy", rule: "logrotate/unknown-directive" },
    },
    completion: { file: "logrotate.d/complete", after: "    missi", label: "missingok" },
    hover: { file: "logrotate.d/app", on: "rotate", says: [/Rotation/, /man7\.org\/linux\/man-pages\/man8\/logrotate\.8\.html/] },
    symbols: { file: "logrotate.d/app", names: [/^\/var\/log\/app\/\*\.log$/, /^postrotate$/] },
  },
];

function flatten(symbols: vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...flatten(s.children)]);
}

function languageSuite(c: LanguageCase): void {
  describe(`${c.languageId} in a real VS Code`, () => {
    before(async () => {
      await open(c.broken.file);
    });

    it("detects the language from the file name and activates the extension", async () => {
      const editor = await open(c.broken.file);
      assert.equal(editor.document.languageId, c.languageId);
      // Opening the file is what activates the extension (activationEvents: onLanguage).
      await waitFor("the extension to activate", () => (vscode.extensions.getExtension(extensionId)?.isActive ? true : undefined));
    });

    it(`shows diagnostics with rule ids (${c.broken.rules.join(", ")})`, async () => {
      const { document } = await open(c.broken.file);
      const ds = await diagnosticsOf(
        document.uri,
        (ds) => c.broken.rules.every((r) => ds.some((d) => ruleOf(d) === r)),
        c.broken.rules.join(", "),
      );
      const d = ds.find((x) => ruleOf(x) === c.broken.token.rule);
      assert.ok(d);
      assert.equal(document.getText(d.range), c.broken.token.text, "the diagnostic covers exactly the token");
      assert.ok(d.message.length > 10, "the message says what is wrong");
    });

    it(`offers '${c.completion.label}' in completion`, async () => {
      const { document } = await open(c.completion.file);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        "vscode.executeCompletionItemProvider",
        document.uri,
        positionOf(document, c.completion.after, "end"),
      );
      const labels = list.items.map(labelOf);
      assert.ok(labels.includes(c.completion.label), `completion offers ${c.completion.label}; got ${labels.slice(0, 20).join(", ")}`);
    });

    it("explains on hover", async () => {
      const { document } = await open(c.hover.file);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        "vscode.executeHoverProvider",
        document.uri,
        positionOf(document, c.hover.on).translate(0, 1),
      );
      const text = hoverText(hovers);
      for (const re of c.hover.says) assert.match(text, re);
    });

    it("lists document symbols for the outline", async () => {
      const { document } = await open(c.symbols.file);
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>("vscode.executeDocumentSymbolProvider", document.uri);
      const names = flatten(symbols ?? []).map((s) => s.name);
      for (const re of c.symbols.names)
        assert.ok(
          names.some((n) => re.test(n)),
          `a symbol matching ${re}; got ${names.join(", ")}`,
        );
    });
  });
}

export function languageSuites(): void {
  const registered = registeredLanguages();
  describe("languages", () => {
    it("registers every language these tests know of, and these tests know every registered language", () => {
      assert.ok(registered.includes("systemd-unit"));
      const unknown = registered.filter((id) => !cases.some((c) => c.languageId === id));
      assert.deepEqual(unknown, [], "add a case for each new language to test/editors/integration/suite/languages.spec.ts");
    });
  });
  for (const c of cases) if (registered.includes(c.languageId)) languageSuite(c);
}
