/**
 * Value variants against the real `systemd-analyze verify`: every directive
 * systemd 252 knows, with the spellings users write for its kind of value
 * (test/scripts/value-variants-lib.ts), one unit per variant. expected.json
 * records what systemd says about each variant's line
 * (test/scripts/record-value-variants.ts writes it).
 *
 * For every variant:
 *   - systemd says nothing → we report no error on that line, except where
 *     systemd judges the value later than at load (listed in `laterThanLoad`);
 *   - systemd reports the line → we report an error or a warning there,
 *     except the misses listed in `knownMisses` with their reason.
 * Both lists fail the test when an entry no longer applies, so they cannot go
 * stale. When systemd-analyze is installed, the recording is compared with a
 * live run too.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { defaultSettings, type Settings } from "../../server/src/core/settings.js";
import { lintText } from "../helpers/lint.js";
import { expectedValueVariants, type VariantRecording, variants, verifyVariants } from "../scripts/value-variants-lib.js";
import { systemdAnalyze, systemdVersion } from "../scripts/verify-lib.js";

const recording = JSON.parse(readFileSync(expectedValueVariants, "utf8")) as VariantRecording;
const settings: Settings = { ...defaultSettings, systemd: { ...defaultSettings.systemd, version: recording.systemd.version } };

/** Errors of ours where systemd says nothing at load time, because it judges the value later; by directive. */
const laterThanLoad: [RegExp, string][] = [
  [/^Unit\.(Condition|Assert)/, "conditions are evaluated when the unit starts: an unparsable value fails the condition every time"],
  [/\.(SecureBits|CapabilityBoundingSet|AmbientCapabilities)$/, "unknown names are dropped with a debug-level message only"],
  [/\.RestrictFileSystems$/, "file system names are resolved when the BPF program is built, unknown ones dropped quietly"],
  [/^Install\./, "[Install] is read by systemctl enable, which refuses these names; the manager never looks at it"],
];

/** Lines systemd reports that we let through, each with the reason. */
const knownMisses: [RegExp, string][] = [
  [/\.Personality=arm/, "which architectures systemd accepts depends on the host it runs on (here x86-64); a unit file does not say"],
];

/** Size values our parser and systemd's parse_size() still read differently: none since parse_size() is followed step by step (issue 15). */
const sizeGaps: [RegExp, string][] = [];

const reasonFor = (list: [RegExp, string][], key: string) => list.find(([pattern]) => pattern.test(key));

describe("value variants against systemd-analyze verify", () => {
  const falseErrors: string[] = [];
  const misses: string[] = [];
  const usedLater = new Set<RegExp>();
  const usedMisses = new Set<RegExp>();
  let checked = 0;

  it(`judges every variant's line as systemd ${recording.systemd.version} does`, () => {
    for (const v of variants()) {
      checked++;
      const theirs = recording.findings[v.unit] ?? [];
      const onLine = lintText(`/etc/systemd/system/${v.unit}`, v.text, settings).filter(
        (d) => d.range.start.line <= v.line - 1 && v.line - 1 <= d.range.end.line && (d.severity === "error" || d.severity === "warning"),
      );
      const key = `${v.directive}=${v.value}`;
      const gap = reasonFor(sizeGaps, key);
      if (theirs.length === 0 && onLine.some((d) => d.severity === "error")) {
        const later = reasonFor(laterThanLoad, v.directive);
        if (later) usedLater.add(later[0]);
        else if (gap) usedMisses.add(gap[0]);
        else falseErrors.push(`${key} :: ${onLine.map((d) => `${d.rule}: ${d.message}`).join(" | ")}`);
      } else if (theirs.length > 0 && onLine.length === 0) {
        const known = reasonFor(knownMisses, key) ?? gap;
        if (known) usedMisses.add(known[0]);
        else misses.push(`${key} :: systemd: ${theirs.join(" | ")}`);
      }
    }
    assert.ok(checked > 4000, `only ${checked} variants: the generator lost directives`);
    assert.deepEqual(falseErrors, [], "errors on values systemd accepts");
    assert.deepEqual(misses, [], "values systemd reports that we let through");
  });

  it("lists only exceptions that still apply", () => {
    const stale = [
      ...laterThanLoad.filter(([p]) => !usedLater.has(p)),
      ...[...knownMisses, ...sizeGaps].filter(([p]) => !usedMisses.has(p)),
    ].map(([p, why]) => `${p} (${why})`);
    assert.deepEqual(stale, []);
  });

  it("the recording is what systemd-analyze says today", {
    skip: existsSync(systemdAnalyze) ? false : `${systemdAnalyze} is not installed`,
  }, (t) => {
    const live = systemdVersion();
    if (live?.version !== recording.systemd.version)
      return t.skip(`systemd ${live?.version} is installed; the recording is of ${recording.systemd.version}`);
    assert.deepEqual(verifyVariants(), recording.findings);
  });
});
