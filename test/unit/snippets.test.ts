/**
 * Every snippet in snippets/systemd-unit.json, expanded as VS Code would
 * insert it when the user keeps the defaults (`${1:default}` → default,
 * `${1|a,b|}` → a, `$1` → empty), must be a unit our engine and systemd
 * accept. Each choice is also tried on its own (the others at their
 * defaults). With /usr/bin/systemd-analyze present, `systemd-analyze verify`
 * must report nothing but the missing executables of the placeholders.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { defaultSettings, settingsFromConfiguration } from "../../server/src/core/settings.js";
import { unitNameFromPath } from "../../server/src/languages/systemd/unit-path-escape.js";
import { lintText } from "../helpers/lint.js";

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string | string[];
}

const snippets: Record<string, Snippet> = JSON.parse(readFileSync("snippets/systemd-unit.json", "utf8"));
const systemdAnalyze = "/usr/bin/systemd-analyze";
const canVerify = existsSync(systemdAnalyze);

/** Choice placeholders `${n|a,b|}` of a snippet body, in order. */
function choices(body: string): { index: string; options: string[] }[] {
  return [...body.matchAll(/\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}/g)].map((m) => ({
    index: m[1] as string,
    options: (m[2] as string).split(/(?<!\\),/).map(unescapeChoice),
  }));
}

function unescapeChoice(s: string): string {
  return s.replace(/\\([$}\\,|])/g, "$1");
}

/** The text VS Code inserts when every placeholder keeps its default; `picks` chooses other options of choices. */
function expand(body: string, picks: Record<string, number> = {}): string {
  let out = "";
  let i = 0;
  while (i < body.length) {
    const rest = body.slice(i);
    const choice = /^\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}/.exec(rest);
    if (choice) {
      const options = (choice[2] as string).split(/(?<!\\),/);
      out += unescapeChoice(options[picks[choice[1] as string] ?? 0] ?? "");
      i += choice[0].length;
      continue;
    }
    const placeholder = /^\$\{(\d+):/.exec(rest);
    if (placeholder) {
      // The default runs to the matching `}`; it may hold nested placeholders.
      let depth = 1;
      let j = placeholder[0].length;
      while (j < rest.length && depth > 0) {
        if (rest[j] === "\\") j++;
        else if (rest.startsWith("${", j)) depth++;
        else if (rest[j] === "}") depth--;
        j++;
      }
      out += expand(rest.slice(placeholder[0].length, j - 1), picks);
      i += j;
      continue;
    }
    const empty = /^\$(?:\d+|\{\d+\})/.exec(rest);
    if (empty) {
      i += empty[0].length;
      continue;
    }
    if (rest[0] === "\\" && rest.length > 1) {
      out += rest[1];
      i += 2;
      continue;
    }
    out += rest[0];
    i++;
  }
  return out;
}

function bodyOf(snippet: Snippet): string {
  return Array.isArray(snippet.body) ? snippet.body.join("\n") : snippet.body;
}

const unitTypes: Record<string, string> = {
  Service: "service",
  Socket: "socket",
  Timer: "timer",
  Path: "path",
  Mount: "mount",
  Automount: "automount",
  Swap: "swap",
  Slice: "slice",
};

/**
 * Where the expanded snippet is written: its type from its sections, a mount
 * named after Where=, a snippet whose prefix starts with `dropin` as
 * override.conf in a drop-in directory of example.<type>.
 */
function placement(snippet: Snippet, text: string): { type: string; unit: string; file: string } {
  const sections = [...text.matchAll(/^\[([^\]]+)\]\s*$/gm)].map((m) => m[1] as string);
  const type = sections.map((s) => unitTypes[s]).find((t) => t !== undefined);
  assert.ok(type, `no unit type section in:\n${text}`);
  const prefixes = Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
  if (prefixes.some((p) => p.startsWith("dropin"))) return { type, unit: `example.${type}`, file: `example.${type}.d/override.conf` };
  if (type === "mount") {
    const where = /^Where=(.*)$/m.exec(text)?.[1];
    assert.ok(where, "a mount unit needs Where=");
    const unit = unitNameFromPath(where.trim(), ".mount");
    return { type, unit, file: unit };
  }
  return { type, unit: `example.${type}`, file: `example.${type}` };
}

const scratch: string[] = [];
after(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/**
 * Writes the unit (and what it needs: the unit a drop-in extends, the service a
 * timer, socket or path starts) into a fresh directory and verifies it.
 * Returns what systemd-analyze printed, less the lines about missing executables.
 */
function verify(snippet: Snippet, text: string): string[] {
  const { type, unit, file } = placement(snippet, text);
  const dir = mkdtempSync(join(tmpdir(), "etcetera-snippet-"));
  scratch.push(dir);
  const stub = "[Service]\nExecStart=/usr/local/bin/original\n";
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
  if (file !== unit) writeFileSync(join(dir, unit), type === "service" ? stub : `[Unit]\nDescription=the unit a drop-in extends\n`);
  if (type === "timer" || type === "socket" || type === "path") {
    writeFileSync(join(dir, "example.service"), stub);
    writeFileSync(join(dir, "example@.service"), stub);
  }
  const result = spawnSync(systemdAnalyze, ["verify", "--man=no", join(dir, unit)], { cwd: dir, encoding: "utf8" });
  assert.equal(result.error, undefined);
  return `${result.stdout}${result.stderr}`
    .split("\n")
    .filter((line) => line.trim() !== "" && !/: Command \S+ is not executable: No such file or directory$/.test(line));
}

function assertLintsClean(name: string, snippet: Snippet, text: string): void {
  const { file } = placement(snippet, text);
  for (const settings of [defaultSettings, settingsFromConfiguration({ systemd: { version: 252 } })]) {
    const found = lintText(`/etc/systemd/system/${file}`, text, settings)
      .filter((d) => d.severity === "error" || d.severity === "warning")
      .map((d) => `${d.range.start.line + 1}:${d.range.start.character} ${d.rule}: ${d.message}`);
    assert.deepEqual(found, [], `${name} (systemd ${settings.systemd.version ?? "newest"}):\n${text}`);
  }
}

describe("systemd-unit snippets", () => {
  it("cover the units users start from", () => {
    const texts = Object.values(snippets).map((s) => expand(bodyOf(s)));
    const has = (re: RegExp) => texts.some((t) => re.test(t));
    assert.ok(has(/^\[Service\][\s\S]*^ExecStart=.+[\s\S]*^\[Install\]/m), "a complete service");
    assert.ok(has(/^ProtectSystem=strict$/m), "a hardened service");
    assert.ok(has(/^OnCalendar=.+[\s\S]*^Persistent=/m), "a timer with OnCalendar= and Persistent=");
    assert.ok(has(/^\[Socket\]/m), "a socket");
    assert.ok(has(/^\[Path\]/m), "a path unit");
    assert.ok(has(/^Type=oneshot$/m), "a oneshot service");
    assert.ok(has(/^\[Mount\]/m), "a mount unit");
  });

  it("the drop-in clears ExecStart= before setting a new one", () => {
    const dropIns = Object.values(snippets).filter((s) => placement(s, expand(bodyOf(s))).file.endsWith(".d/override.conf"));
    assert.ok(dropIns.length > 0, "a drop-in snippet");
    for (const snippet of dropIns) {
      const lines = expand(bodyOf(snippet)).split("\n");
      const cleared = lines.indexOf("ExecStart=");
      const set = lines.findIndex((l) => /^ExecStart=.+/.test(l));
      assert.ok(cleared >= 0 && set > cleared, lines.join("\n"));
    }
  });

  it("the expansion resolves defaults, choices, nested placeholders and escapes", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: snippet syntax, not a template
    assert.equal(expand("A=${1:x ${2:y}} B=${3|p,q|} C=$4${5} D=\\$E $0"), "A=x y B=p C= D=$E ");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: snippet syntax, not a template
    assert.equal(expand("T=${1|p,q|}", { 1: 1 }), "T=q");
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    describe(name, () => {
      const body = bodyOf(snippet);
      const text = expand(body);
      const variants = choices(body).flatMap((c) =>
        c.options.slice(1).map((option, i) => ({ label: `${c.index}=${option}`, text: expand(body, { [c.index]: i + 1 }) })),
      );

      it("with its defaults, lints without errors or warnings", () => assertLintsClean(name, snippet, text));

      it("with each other choice, lints without errors or warnings", () => {
        for (const v of variants) assertLintsClean(`${name} [${v.label}]`, snippet, v.text);
      });

      it("with its defaults, passes systemd-analyze verify", { skip: !canVerify && `no ${systemdAnalyze}` }, () => {
        assert.deepEqual(verify(snippet, text), [], text);
      });

      it("with each other choice, passes systemd-analyze verify", { skip: !canVerify && `no ${systemdAnalyze}` }, () => {
        for (const v of variants) assert.deepEqual(verify(snippet, v.text), [], `${v.label}:\n${v.text}`);
      });
    });
  }

  it("systemd-analyze verify reads the drop-in (a drop-in without the clearing line is refused)", {
    skip: !canVerify && `no ${systemdAnalyze}`,
  }, () => {
    const [snippet] = Object.values(snippets).filter((s) => placement(s, expand(bodyOf(s))).file.endsWith(".d/override.conf"));
    assert.ok(snippet);
    const withoutClear = expand(bodyOf(snippet))
      .split("\n")
      .filter((l) => l !== "ExecStart=")
      .join("\n");
    assert.ok(
      verify(snippet, withoutClear).some((l) => l.includes("more than one ExecStart=")),
      "systemd-analyze did not see the drop-in",
    );
  });
});
