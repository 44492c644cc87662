import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";

describe("ARCHITECTURE.md", () => {
  const text = readFileSync("ARCHITECTURE.md", "utf8");

  it("is what the README links for the layout, not a file outside the repository", () => {
    const readme = readFileSync("README.md", "utf8");
    assert.match(readme, /\]\(ARCHITECTURE\.md\)/);
    assert.doesNotMatch(readme, /shared\/DESIGN\.md/);
  });

  it("names only source files that exist", () => {
    const named = [...text.matchAll(/`((?:server|client|test)\/[\w./-]+\.ts)`/g)].map((m) => m[1] as string);
    const short = [...text.matchAll(/`((?:languages|features|core|remote)\/[\w./-]+\.ts)`/g)].map((m) => `server/src/${m[1]}`);
    assert.ok(named.length + short.length >= 5, "it points at the code");
    for (const path of [...named, ...short]) assert.ok(existsSync(path), `${path} does not exist`);
  });
});
