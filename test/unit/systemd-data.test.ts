import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { generate, outputFile, sharedDataDir } from "../../server/scripts/generate-systemd-data.js";
import { directivesOfSection, lookupDirective, sectionsForType } from "../../server/src/languages/systemd/data.js";

describe("systemd directive tables", () => {
  it("are generated from ../shared/data and up to date (npm run generate)", {
    skip: existsSync(sharedDataDir) ? false : "../shared/data is not beside this checkout",
  }, () => {
    assert.equal(readFileSync(outputFile, "utf8"), generate());
  });

  it("know sections per unit type, directives per section, and man page links", () => {
    assert.deepEqual(sectionsForType("timer"), ["Unit", "Timer", "Install"]);
    assert.ok(directivesOfSection("Service", "service").length > 200);
    assert.equal(lookupDirective("Service", "ExecStart", "timer"), undefined, "a timer has no [Service]");
    assert.equal(
      lookupDirective("Unit", "After", "mount")?.url,
      "https://www.freedesktop.org/software/systemd/man/latest/systemd.unit.html#Before=",
    );
    assert.equal(lookupDirective("Service", "RestartSteps")?.versionAdded, 254);
    assert.equal(lookupDirective("Service", "MemoryLimit")?.replacement, "MemoryMax");
  });
});
