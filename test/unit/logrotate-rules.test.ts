/**
 * Every rule's fixture folder, test/fixtures/logrotate/<rule-id>/, holds
 * logrotate configs whose comments state the diagnostics they must produce
 * (see test/helpers/expectations.ts); clean/ holds real-world configs that
 * must produce none. Each file is linted as /etc/logrotate.d/<name>.
 */
import assert from "node:assert/strict";
import { basename } from "node:path";
import { describe, it } from "node:test";
import { defaultSettings } from "../../server/src/core/settings.js";
import { directiveInfo } from "../../server/src/languages/logrotate/data.js";
import { logrotateLanguage } from "../../server/src/languages/logrotate/index.js";
import { parseLogrotate } from "../../server/src/languages/logrotate/parser.js";
import { notInDebian } from "../../server/src/languages/logrotate/rules/not-in-debian-logrotate.js";
import { ruleFixtureSuites } from "../helpers/fixtures.js";
import { lintText } from "../helpers/lint.js";

const root = "test/fixtures/logrotate";

describe("logrotate rules", () => {
  ruleFixtureSuites(root, logrotateLanguage.rules, {
    pathFor: (rel) => (basename(rel) === "logrotate.conf" ? "/etc/logrotate.conf" : `/etc/logrotate.d/${basename(rel)}`),
  });

  it("not-in-debian-logrotate flags a directive Debian 12's 3.21.0 lacks", () => {
    const base = directiveInfo("ignoreduplicates");
    assert.ok(base);
    const lookup = (name: string) =>
      name === "ignoreduplicates" ? { ...base, firstRelease: "3.22.0", inDebian12: false } : directiveInfo(name);
    const file = parseLogrotate("/var/log/a.log {\n  ignoreduplicates\n}\n");
    const found: string[] = [];
    notInDebian(lookup)({ file, path: "/etc/logrotate.d/a", settings: defaultSettings, workspace: { unitNames: () => [] } }, (r, m) =>
      found.push(`${r.start.line}:${r.start.character}-${r.end.character} ${m}`),
    );
    assert.deepEqual(found, [
      "1:2-18 'ignoreduplicates' is new in logrotate 3.22.0: Debian 12's logrotate 3.21.0 does not know it and ignores the line.",
    ]);
  });

  it("finds a log claimed twice across logrotate.conf and logrotate.d, in logrotate's reading order, skipping taboo files", () => {
    const configs = [
      {
        path: "/repo/etc/logrotate.conf",
        text: "weekly\n/var/log/wtmp {\n  monthly\n}\ninclude /etc/logrotate.d\n/var/log/late.log {\n  daily\n}\n",
      },
      { path: "/repo/etc/logrotate.d/alpha", text: "/var/log/app.log {\n  daily\n}\n" },
      { path: "/repo/etc/logrotate.d/beta", text: "/var/log/wtmp /var/log/app.log /var/log/late.log {\n  daily\n}\n" },
      { path: "/repo/etc/logrotate.d/beta.dpkg-old", text: "/var/log/app.log {\n  daily\n}\n" },
    ];
    const workspace = { unitNames: () => [], logrotateConfigs: () => configs };
    const lint = (path: string) =>
      lintText(path, configs.find((c) => c.path === path)?.text ?? "", defaultSettings, undefined, workspace)
        .filter((d) => d.rule === "logrotate/duplicate-log-entry" || d.rule === "logrotate/skipped-by-taboo")
        .map((d) => `${d.range.start.line}:${d.range.start.character} ${d.rule}: ${d.message.split(":")[0]}`);
    assert.deepEqual(lint("/repo/etc/logrotate.d/beta"), [
      "0:0 logrotate/duplicate-log-entry: '/var/log/wtmp' is already rotated by logrotate.conf, line 2",
      "0:14 logrotate/duplicate-log-entry: '/var/log/app.log' is already rotated by alpha, line 1",
    ]);
    assert.deepEqual(lint("/repo/etc/logrotate.d/alpha"), []);
    assert.deepEqual(lint("/repo/etc/logrotate.d/beta.dpkg-old"), [
      "0:0 logrotate/skipped-by-taboo: logrotate skips this file when it reads logrotate.d",
    ]);
    // A logrotate.conf that replaces the taboo list makes logrotate read the backup file after all.
    configs[0] = { path: "/repo/etc/logrotate.conf", text: "tabooext .swp\ninclude /etc/logrotate.d\n" };
    assert.deepEqual(lint("/repo/etc/logrotate.d/beta.dpkg-old"), [
      "0:0 logrotate/duplicate-log-entry: '/var/log/app.log' is already rotated by alpha, line 1",
    ]);
  });

  it("takes compress from the workspace's logrotate.conf for delaycompress in logrotate.d", () => {
    const snippet = { path: "/repo/etc/logrotate.d/app", text: "/var/log/app.log {\n  delaycompress\n}\n" };
    const warn = (conf: string) =>
      lintText(snippet.path, snippet.text, defaultSettings, undefined, {
        unitNames: () => [],
        logrotateConfigs: () => [{ path: "/repo/etc/logrotate.conf", text: conf }, snippet],
      }).filter((d) => d.rule === "logrotate/delaycompress-without-compress").length;
    assert.equal(warn("weekly\ncompress\ninclude /etc/logrotate.d\n"), 0);
    assert.equal(warn("weekly\ninclude /etc/logrotate.d\ncompress\n"), 1);
  });

  it("reads create's words as the chosen logrotate release does", () => {
    const text = "/var/log/a.log {\n  create 0640 root\n}\n";
    const errors = (version: "3.21.0" | "3.22.0") =>
      lintText("/etc/logrotate.d/a", text, { ...defaultSettings, logrotate: { version } }).filter(
        (d) => d.rule === "logrotate/invalid-argument",
      ).length;
    assert.equal(errors("3.21.0"), 0);
    assert.equal(errors("3.22.0"), 1);
  });

  it("detects logrotate.conf and files under logrotate.d", () => {
    assert.ok(lintText("/etc/logrotate.d/nginx", "/var/log/x.log {\n daily\n}\n"));
    assert.throws(() => lintText("/etc/logrotate.d.bak", ""));
  });
});
