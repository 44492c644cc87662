import { describe } from "node:test";
import { cronLanguage } from "../../server/src/languages/cron/index.js";
import type { Expectation } from "../helpers/expectations.js";
import { ruleFixtureSuites } from "../helpers/fixtures.js";

const root = "test/fixtures/cron";

function lastLineExpectations(text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  return lines.flatMap((line, i) => {
    const m = /^# expect-last-line ([\w-]+\/[\w-]+)(?::\s*(.*))?$/.exec(line);
    return m ? [{ rule: m[1] as string, line: lines.length - 1, messagePart: m[2], at: i }] : [];
  });
}

describe("cron rules", () => {
  ruleFixtureSuites(root, cronLanguage.rules, {
    pathFor: (rel) => `/fixtures/${rel}`,
    kind: "cron",
    extraExpectations: lastLineExpectations,
  });
});
