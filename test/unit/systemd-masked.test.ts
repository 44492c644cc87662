import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lintText } from "../helpers/lint.js";

describe("an empty unit file", () => {
  it("is reported as masked, and nothing else", () => {
    assert.deepEqual(
      lintText("/etc/systemd/system/app.service", "").map((d) => [d.rule, d.severity]),
      [["systemd/masked-unit", "info"]],
    );
  });

  it("is not masked with a single newline (systemd refuses it as a service without ExecStart=)", () => {
    assert.deepEqual(
      lintText("/etc/systemd/system/app.service", "\n").map((d) => d.rule),
      ["systemd/unit-refused"],
    );
  });

  it("as a drop-in changes nothing and is not reported", () => {
    assert.deepEqual(lintText("/etc/systemd/system/app.service.d/empty.conf", ""), []);
  });
});
