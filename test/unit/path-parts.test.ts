/**
 * The path helpers the unit set and the dependency graph call in their hot loops
 * (pathName, pathDir, normalizeDir) say exactly what splitting with pathParts says:
 * a backslash is part of a name on POSIX (`run-vmblock\x2dfuse.mount`) and a
 * separator only in a Windows path.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pathDir, pathName, pathParts } from "../../server/src/core/kinds.js";
import { normalizeDir } from "../../server/src/languages/systemd/search-path.js";

const paths = [
  "/etc/systemd/system/app.service",
  "/etc/systemd/system/app.service.d/10-limits.conf",
  "/lib/systemd/system/run-vmblock\\x2dfuse.mount",
  "relative/units/a.timer",
  "a.service",
  "/a.service",
  "/etc/systemd/system/",
  "",
  "C:\\work\\units\\app.service",
  "C:\\work\\units/mixed\\b.service",
  "\\\\server\\share\\units\\c.socket",
];

describe("path helpers agree with pathParts", () => {
  for (const path of paths)
    it(JSON.stringify(path), () => {
      const parts = pathParts(path);
      assert.equal(pathName(path), parts[parts.length - 1] ?? path);
      assert.equal(pathDir(path), parts.slice(0, -1).join("/"));
      assert.equal(normalizeDir(path), parts.join("/"));
    });
});
