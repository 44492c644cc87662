import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { generate, outputFile, sharedDataDir } from "../../server/scripts/generate-logrotate-data.js";
import { dataSource, directiveInfo, directives } from "../../server/src/languages/logrotate/data.js";

describe("logrotate directive table", () => {
  it("is generated from ../shared/data and up to date (node --import tsx server/scripts/generate-logrotate-data.ts)", {
    skip: existsSync(sharedDataDir) ? false : "../shared/data is not beside this checkout",
  }, () => {
    assert.equal(readFileSync(outputFile, "utf8"), generate());
  });

  it("knows argument types, scope, partners and the upstream source", () => {
    assert.equal(directives.length, 66);
    assert.match(dataSource, /logrotate 3\.22\.0/);
    assert.match(dataSource, /3\.21\.0/);
    assert.equal(directiveInfo("rotate")?.argType, "int");
    assert.equal(directiveInfo("tabooext")?.scope, "global");
    assert.deepEqual(directiveInfo("copytruncate")?.partners, ["nocopytruncate", "renamecopy"]);
    assert.deepEqual(directiveInfo("daily")?.partners, ["hourly", "weekly", "monthly", "yearly", "size"]);
  });
});
