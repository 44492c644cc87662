import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { emptyWorkspace, type LanguageContext } from "../../server/src/core/language.js";
import { defaultSettings } from "../../server/src/core/settings.js";
import { unitContext } from "../../server/src/languages/systemd/context.js";
import { parseUnitFile } from "../../server/src/languages/systemd/parser.js";

describe("the systemd rule context", () => {
  it("carries every field of the language context (unitContext copies them one by one)", () => {
    // Required<>: a field added to LanguageContext fails to compile here until the test gives it a value.
    const lctx: Required<LanguageContext> = {
      path: "/etc/systemd/system/app.service",
      settings: defaultSettings,
      workspace: emptyWorkspace,
      log: () => undefined,
      fileFacts: { uid: 0, mode: 0o644, links: 1 },
    };
    const ctx = unitContext(parseUnitFile("[Service]\nExecStart=/usr/bin/app\n"), lctx);
    for (const key of Object.keys(lctx) as (keyof LanguageContext)[]) assert.equal(ctx[key], lctx[key], key);
    assert.equal(ctx.type, "service");
  });
});
