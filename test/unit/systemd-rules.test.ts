import { describe } from "node:test";
import { systemdLanguage } from "../../server/src/languages/systemd/index.js";
import { ruleFixtureSuites } from "../helpers/fixtures.js";

const root = "test/fixtures/systemd";

describe("systemd rules", () => {
  ruleFixtureSuites(root, systemdLanguage.rules, { pathFor: (rel) => `/etc/systemd/system/${rel}` });
});
