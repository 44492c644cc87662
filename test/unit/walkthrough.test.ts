/**
 * The walkthrough and the language icons, as data: a "Create …" step for
 * every kind, each opening a sample that the real tools accept and our own
 * rules leave clean, in the language its path gives it; a step for hosts and
 * deploy; and one drawn 16 px SVG icon per language, no two alike.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { samples } from "../../client/src/walkthrough/samples.js";
import { detectKind, kindTable } from "../../server/src/core/kinds.js";
import { lintText } from "../helpers/lint.js";
import { localizedManifest } from "../helpers/manifest.js";

interface Step {
  id: string;
  description: string;
  media: { markdown?: string };
  completionEvents?: string[];
}
const manifest = localizedManifest<{
  contributes: {
    languages: { id: string; icon: { light: string; dark: string } }[];
    commands: { command: string }[];
    walkthroughs: { steps: Step[] }[];
  };
}>();
const steps = manifest.contributes.walkthroughs.flatMap((w) => w.steps);
const commandsOf = (step: Step) => [...step.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);

describe("walkthrough", () => {
  it("has a create step for every kind, and one for hosts and deploy", () => {
    for (const k of kindTable) {
      const step = steps.find((s) => commandsOf(s).some((c) => samples.find((x) => x.command === c)?.languageId === k.languageId));
      assert.ok(step, `a step creates a ${k.languageId} file`);
    }
    const timer = steps.find((s) => commandsOf(s).includes("etcetera.new.timer"));
    assert.ok(timer, "a step creates a timer");
    const hosts = steps.find((s) => commandsOf(s).includes("etcetera.selectHost"));
    assert.ok(hosts && /deploy/i.test(hosts.description), "a step adds a host and explains deploy");
  });

  it("links only contributed commands and pages that exist", () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const step of steps) {
      for (const c of commandsOf(step))
        assert.ok(contributed.has(c as string) || /^(workbench|etcetera\.hosts\.focus)/.test(c as string), `${step.id}: ${c}`);
      assert.ok(step.media.markdown && existsSync(step.media.markdown), `${step.id}: ${step.media.markdown}`);
    }
  });

  for (const sample of samples) {
    it(`${sample.path}: opens in ${sample.languageId}, the language its name gives it, and is clean`, () => {
      const path = `/home/user/project/${sample.path}`;
      const kind = detectKind(path);
      assert.equal(kindTable.find((k) => k.kind === kind)?.languageId, sample.languageId);
      assert.deepEqual(
        lintText(path, sample.text).map((d) => `${d.rule}: ${d.message}`),
        [],
      );
      assert.ok(sample.text.endsWith("\n"));
    });
  }
});

describe("language icons", () => {
  const icons = manifest.contributes.languages.map((l) => ({ id: l.id, ...l.icon }));
  it("are SVGs drawn for 16 px, one per language, no two alike", () => {
    const drawings = new Set<string>();
    for (const icon of icons) {
      for (const file of [icon.light, icon.dark]) {
        assert.match(file, /\.svg$/, `${icon.id}: ${file}`);
        const svg = readFileSync(file, "utf8");
        assert.match(svg, /viewBox="0 0 16 16"/, `${icon.id}: drawn on a 16 px grid`);
      }
      drawings.add(readFileSync(icon.light, "utf8"));
    }
    assert.equal(drawings.size, icons.length);
  });

  it("netplan keeps a YAML look: the purple file icon themes give YAML", () => {
    const netplan = icons.find((i) => i.id === "netplan");
    assert.ok(netplan);
    assert.match(readFileSync(netplan.light, "utf8"), /#a074c4/i);
  });
});
