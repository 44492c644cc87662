/**
 * What issue 14 saw in a real VS Code, each as a test in the extension host of
 * one (code-server): the OnCalendar= hovers, code actions under the kind asked
 * for, "Disable … for this file", rule documentation links, the completion
 * flow (value documentation, no directive or netplan key offered twice), the
 * crontab line turned into a timer (files opened, named after the program,
 * the whole command described, no local path), Nice='s message, and semantic
 * tokens for specifiers, $VAR, calendar events and time spans.
 */
import * as assert from "node:assert/strict";
import { describe, it } from "mocha";
import * as vscode from "vscode";
import { diagnosticsOf, hasRule, hoverText, labelOf, open, positionOf, ruleOf, waitFor } from "./helpers.js";

async function hoverAt(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  return waitFor("a hover", async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", document.uri, position);
    const text = hoverText(hovers);
    return text ? text : undefined;
  });
}

async function completionsAt(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", document.uri, position);
  // Not VS Code's own words-in-the-file suggestions (kind Text): only what the language server offers.
  return list.items.filter((i) => i.kind !== vscode.CompletionItemKind.Text);
}

async function actionsFor(document: vscode.TextDocument, range: vscode.Range, kind: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", document.uri, range, kind.value);
}

/** Markdown outside code spans and code blocks: where an unescaped `*` or `_` would be read as emphasis. */
function prose(markdown: string): string {
  return markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
}

export function experienceSuites(): void {
  describe("issue 14 in a real VS Code", () => {
    it("the OnCalendar= value hover keeps the asterisks of *-*-* 06:30:00 (escaped or in code), with no duplicate UTC column", async () => {
      const { document } = await open("experience/nightly.timer");
      const md = await hoverAt(document, positionOf(document, "*-*-* 06:30:00", "start").translate(0, 2));
      const outside = prose(md);
      // An asterisk outside code must be escaped, or Markdown eats it.
      assert.doesNotMatch(outside.replace(/\\\*/g, ""), /\*-/, `unescaped asterisks in:\n${md}`);
      assert.match(md, /(\\\*-\\\*-\\\*|`[^`]*\*-\*-\*[^`]*`) 06:30:00|\*-\*-\* 06:30:00/);
      // The extension host runs in UTC here (TZ of the test machine): one column of times, not two equal ones.
      if (new Date().getTimezoneOffset() === 0)
        assert.doesNotMatch(md, /\|\s*(local|UTC)\s*\|\s*(local|UTC)\s*\|/i, `two identical time columns:\n${md}`);
    });

    it("the OnCalendar= directive hover says it takes a calendar event, not a time span", async () => {
      const { document } = await open("experience/nightly.timer");
      const md = await hoverAt(document, positionOf(document, "OnCalendar").translate(0, 3));
      assert.match(md, /calendar/i);
      assert.doesNotMatch(md, /calendar event or (a )?time span/i, md);
    });

    it("returns each code action under the kind asked for: no refactoring in a quick-fix request", async () => {
      const { document } = await open("experience/jobs.crontab");
      const line = document.lineAt(1).range;
      const quick = await actionsFor(document, line, vscode.CodeActionKind.QuickFix);
      for (const a of quick)
        assert.ok(a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind), `'${a.title}' (${a.kind?.value}) in a quickfix request`);
      const rewrite = await actionsFor(document, line, vscode.CodeActionKind.RefactorRewrite);
      assert.ok(
        rewrite.some((a) => a.title.startsWith("Convert to a systemd timer")),
        `the conversion under refactor.rewrite: ${rewrite.map((a) => `${a.title} (${a.kind?.value})`).join(" | ")}`,
      );
      for (const a of rewrite)
        assert.ok(a.kind && vscode.CodeActionKind.RefactorRewrite.contains(a.kind), `'${a.title}' (${a.kind?.value})`);
    });

    it("links every rule id to its documentation page, and 'Disable … for this file' silences it", async () => {
      const { document } = await open("experience/app@.service");
      const ds = await diagnosticsOf(document.uri, hasRule("systemd/invalid-value"), "Nice=30 out of range");
      for (const d of ds) {
        assert.ok(typeof d.code === "object", `${ruleOf(d)} has a documentation link`);
        const target = (d.code as { target: vscode.Uri }).target.toString();
        assert.ok(target.endsWith(`/docs/rules/${ruleOf(d)}.md`), target);
      }
      const nice = ds.find((d) => ruleOf(d) === "systemd/invalid-value");
      assert.ok(nice);
      assert.match(nice.message, /Nice=/, `the message names the directive: ${nice.message}`);
      const actions = await actionsFor(document, nice.range, vscode.CodeActionKind.QuickFix);
      const off = actions.find((a) => a.title === "Disable systemd/invalid-value for this file");
      assert.ok(off?.edit, actions.map((a) => a.title).join(" | "));
      assert.ok(actions.some((a) => a.title === "Disable systemd/invalid-value for this line"));
      assert.ok(await vscode.workspace.applyEdit(off.edit));
      await diagnosticsOf(document.uri, (x) => !hasRule("systemd/invalid-value")(x), "the rule silenced for the file");
      await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
    });

    it("completion: each value explained; a one-value directive already set is not offered again", async () => {
      const { document } = await open("experience/app@.service");
      const values = await completionsAt(document, positionOf(document, "Restart=", "end"));
      const onFailure = values.find((i) => labelOf(i) === "on-failure");
      assert.ok(onFailure, values.map(labelOf).join(", "));
      const doc = typeof onFailure.documentation === "string" ? onFailure.documentation : onFailure.documentation?.value;
      assert.ok(doc && doc.length > 10, "on-failure has documentation");
      // The empty last line of [Service]: Type= and Nice= are set and take one value; ExecStartPre= may repeat.
      const names = (await completionsAt(document, new vscode.Position(document.lineCount - 1, 0))).map(labelOf);
      assert.ok(
        names.some((n) => n.startsWith("ExecStartPre")),
        names.slice(0, 40).join(", "),
      );
      for (const set of ["Type", "Nice", "TimeoutStartSec"])
        assert.ok(!names.some((n) => n === set || n === `${set}=`), `${set}= offered again`);
    });

    it("netplan completion does not offer a key the mapping already has", async () => {
      const { document } = await open("experience/netplan/ifaces.yaml");
      const names = (await completionsAt(document, positionOf(document, "      dhc:", "end").translate(0, -1))).map(labelOf);
      assert.ok(
        names.some((n) => n.startsWith("dhcp6")),
        names.slice(0, 40).join(", "),
      );
      assert.ok(!names.some((n) => n === "dhcp4" || n === "dhcp4:"), `dhcp4 offered again: ${names.join(", ")}`);
    });

    it("Convert to a systemd timer writes and opens NAME.timer and NAME.service, named after the program, describing the whole command", async () => {
      const { document } = await open("experience/jobs.crontab");
      const rewrite = await actionsFor(document, document.lineAt(1).range, vscode.CodeActionKind.RefactorRewrite);
      const convert = rewrite.find((a) => a.title.startsWith("Convert to a systemd timer"));
      assert.ok(convert?.edit);
      assert.match(convert.title, /\(cron-rotate-backups\.timer\)/);
      assert.ok(await vscode.workspace.applyEdit(convert.edit));
      // What VS Code runs after applying an action's edit: its command, which opens the new files.
      assert.ok(convert.command, "the action opens the files it created");
      await vscode.commands.executeCommand(convert.command.command, ...(convert.command.arguments ?? []));
      const opened = await waitFor("the timer and the service open", () => {
        const names = vscode.window.visibleTextEditors
          .map((e) => e.document.uri.path.split("/").pop())
          .concat(vscode.workspace.textDocuments.map((d) => d.uri.path.split("/").pop()));
        return names.includes("cron-rotate-backups.timer") && names.includes("cron-rotate-backups.service") ? names : undefined;
      });
      assert.ok(opened);
      const service = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith("/cron-rotate-backups.service"));
      assert.ok(service);
      const text = service.getText();
      assert.match(text, /^Description=cron job: .*rotate-backups --keep 7 %%nightly$/m, "the whole command, % doubled for systemd");
      assert.doesNotMatch(text, /^# .*\/(work|home|tmp|root)\//m, "no local path in the header");
      assert.match(text, /^# Converted by etcetera from jobs\.crontab, line 2:/m);
      assert.equal(service.languageId, "systemd-unit");
      await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    });

    it("semantic tokens mark specifiers, $VAR, calendar events and time spans", async () => {
      const { document } = await open("experience/app@.service");
      const timer = (await open("experience/nightly.timer")).document;
      const tokensOf = async (doc: vscode.TextDocument) => {
        const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>(
          "vscode.provideDocumentSemanticTokensLegend",
          doc.uri,
        );
        const tokens = await waitFor("semantic tokens", async () =>
          vscode.commands.executeCommand<vscode.SemanticTokens | undefined>("vscode.provideDocumentSemanticTokens", doc.uri),
        );
        const out: { text: string; type: string }[] = [];
        let line = 0;
        let char = 0;
        for (let i = 0; i < tokens.data.length; i += 5) {
          const [dl, dc, len, type] = Array.from(tokens.data.slice(i, i + 4)) as [number, number, number, number];
          line += dl;
          char = dl === 0 ? char + dc : dc;
          out.push({ text: doc.lineAt(line).text.slice(char, char + len), type: legend.tokenTypes[type] ?? "?" });
        }
        return out;
      };
      const unit = await tokensOf(document);
      const has = (list: { text: string; type: string }[], text: string, type: string) =>
        assert.ok(
          list.some((t) => t.text === text && t.type === type),
          `${text} as ${type}: ${JSON.stringify(list)}`,
        );
      has(unit, "%n", "macro");
      has(unit, "%i", "macro");
      has(unit, "$OPTS", "variable");
      has(unit, "1min 30s", "number");
      has(unit, "Service", "namespace");
      has(await tokensOf(timer), "*-*-* 06:30:00", "regexp");
    });
  });
}
