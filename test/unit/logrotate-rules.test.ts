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

  it("detects logrotate.conf and files under logrotate.d", () => {
    assert.ok(lintText("/etc/logrotate.d/nginx", "/var/log/x.log {\n daily\n}\n"));
    assert.throws(() => lintText("/etc/logrotate.d.bak", ""));
  });
});
