/**
 * No input takes super-linear time (issues 10 and 15): hostile texts of
 * 64 KiB (test/helpers/hostile.ts) go through every value validator of the
 * systemd table, the calendar and time-span parsers, and each language's
 * whole pipeline (parse, every rule, completion, hover, outline), each
 * within a budget of 50 ms. Validators, directives and keys are enumerated
 * from the tables and registries, so new ones are covered without an edit
 * here.
 *
 * The budget is generous for linear work on 64 KiB and far below what a
 * backtracking pattern takes (the size pattern took minutes on 40 digits and
 * a letter). The time is the best of three tries, as wall or CPU time,
 * so a loaded machine does not fail the test (see bestTimeMs).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FileKind } from "../../server/src/core/language.js";
import { languages } from "../../server/src/core/languages.js";
import { defaultSettings } from "../../server/src/core/settings.js";
import type { Position } from "../../server/src/core/text.js";
import { analyze } from "../../server/src/features/documents.js";
import { checkCalendar } from "../../server/src/languages/calendar/calendar.js";
import { parseNanoTimespan, parseTimespan } from "../../server/src/languages/calendar/timespan.js";
import { fields } from "../../server/src/languages/cron/data.js";
import { evaluateField } from "../../server/src/languages/cron/fields.js";
import { directives as logrotateDirectives } from "../../server/src/languages/logrotate/data.js";
import { type SchemaNode, schemaRoot } from "../../server/src/languages/netplan/data.js";
import {
  allSections,
  type DirectiveInfo,
  directivesOfSection,
  newestKnownVersion,
  oldestDescribedVersion,
} from "../../server/src/languages/systemd/data.js";
import { validateValue } from "../../server/src/languages/systemd/values/index.js";
import { BUDGET_MS, type HostileInput, hostileInputs, overBudget, sharpestInputs } from "../helpers/hostile.js";

const SIZE = 64 * 1024;
const inputs = hostileInputs(SIZE);
const sharpest = sharpestInputs(SIZE);

/** A hostile input and what to run on it; `run` takes the text so that the case can be repeated at a smaller size. */
type Case = [label: string, input: HostileInput, run: (text: string) => unknown];

/** Runs every case and fails once, listing every case over the budget (see overBudget()). */
function assertAllWithinBudget(cases: Iterable<Case>): void {
  const slow: string[] = [];
  for (const [label, input, run] of cases) {
    const quarter = hostileInputs(Math.floor(input.text.length / 4)).find((i) => i.name === input.name) as HostileInput;
    const verdict = overBudget(run, input.text, quarter.text);
    if (verdict) slow.push(`${verdict}: ${label}`);
  }
  assert.deepEqual(slow, [], `over the ${BUDGET_MS} ms budget:\n${slow.join("\n")}`);
}

const systemdDirectives: DirectiveInfo[] = allSections.flatMap((s) => directivesOfSection(s));

describe("systemd value validators on hostile input", () => {
  it("every parser of the table (also those systemd 252 used), with every hostile input", () => {
    // A directive per parser, with the version that selects that parser.
    const byParser = new Map<string, [DirectiveInfo, number]>();
    for (const d of systemdDirectives) {
      if (!byParser.has(d.parser)) byParser.set(d.parser, [d, newestKnownVersion]);
      const old = d.v252Parser?.split(/\s/)[0];
      if (old && !byParser.has(old)) byParser.set(old, [d, oldestDescribedVersion]);
    }
    assert.ok(byParser.size > 100, `only ${byParser.size} parsers in the table`);
    function* cases(): Generator<Case> {
      for (const [parser, [d, version]] of byParser)
        for (const input of inputs)
          yield [`${d.name}= (${parser}, v${version}): ${input.name}`, input, (h) => validateValue(d, h, version, undefined)];
    }
    assertAllWithinBudget(cases());
  });

  it("every directive of the table (some validators read the directive's name), with the sharpest inputs", () => {
    function* cases(): Generator<Case> {
      for (const d of systemdDirectives)
        for (const input of sharpest.slice(0, 2))
          yield [`[${d.section}] ${d.name}=: ${input.name}`, input, (h) => validateValue(d, h, newestKnownVersion, undefined)];
    }
    assertAllWithinBudget(cases());
  });
});

describe("calendar, time span and cron field parsers on hostile input", () => {
  it("checkCalendar, parseTimespan, parseNanoTimespan and every cron field in both dialects", () => {
    function* cases(): Generator<Case> {
      for (const input of inputs) {
        yield [`calendar: ${input.name}`, input, checkCalendar];
        yield [`timespan: ${input.name}`, input, (h) => parseTimespan(h)];
        yield [`nanosecond timespan: ${input.name}`, input, parseNanoTimespan];
        for (const field of fields)
          for (const dialect of ["debian", "cronie"] as const)
            yield [`cron ${field.name} (${dialect}): ${input.name}`, input, (h) => evaluateField(h, field, dialect)];
      }
    }
    assertAllWithinBudget(cases());
  });
});

/** Where in a document the hostile text goes: the document, and the file it is linted as. */
interface Slot {
  name: string;
  path: string;
  text: (hostile: string) => string;
}

/** Lints the document with every rule, asks for completion at the end of its longest line and hover in its middle, and the outline. */
function wholePipeline(kind: FileKind, path: string, text: string): void {
  const analysis = analyze(path, text, kind);
  if (!analysis) throw new Error(`no language for ${path}`);
  const ctx = { path, settings: defaultSettings, workspace: { unitNames: () => ["a.service", "network-online.target"] } };
  analysis.diagnostics(ctx);
  const language = languages[kind];
  const lines = text.split(/\r\n|\r|\n/);
  let longest = 0;
  for (let line = 1; line < lines.length; line++) if ((lines[line] as string).length > (lines[longest] as string).length) longest = line;
  const length = (lines[longest] as string).length;
  const end: Position = { line: longest, character: length };
  language.complete(analysis.doc, end, ctx);
  language.hover(analysis.doc, { line: longest, character: length >> 1 }, ctx);
  language.symbols(analysis.doc);
  language.folding(analysis.doc);
}

function pipelineCases(kind: FileKind, slots: Slot[], texts: HostileInput[]): Generator<Case> {
  return (function* () {
    for (const slot of slots)
      for (const input of texts) {
        yield [`${kind} ${slot.name}: ${input.name}`, input, (h) => wholePipeline(kind, slot.path, slot.text(h))];
      }
  })();
}

const service = "/etc/systemd/system/app.service";
const systemdSlots: Slot[] = [
  { name: "section name", path: service, text: (h) => `[${h}]\nA=b\n` },
  { name: "unterminated section header", path: service, text: (h) => `[Unit${h}\n` },
  { name: "directive name", path: service, text: (h) => `[Service]\n${h}=1\n` },
  { name: "line without '='", path: service, text: (h) => `[Service]\n${h}\n` },
  { name: "comment", path: service, text: (h) => `# ${h}\n[Unit]\n; ${h}\n` },
  { name: "Description=", path: service, text: (h) => `[Unit]\nDescription=${h}\n` },
  { name: "After=", path: service, text: (h) => `[Unit]\nAfter=${h}\n[Service]\nExecStart=/bin/true\n` },
  { name: "ExecStart= argument", path: service, text: (h) => `[Service]\nExecStart=/bin/true ${h}\n` },
  { name: "ExecStartPre=", path: service, text: (h) => `[Unit]\nAfter=network-online.target\n[Service]\nExecStartPre=${h}\n` },
  { name: "User=", path: service, text: (h) => `[Service]\nUser=${h}\n` },
  { name: "Environment=", path: service, text: (h) => `[Service]\nEnvironment=${h}\n` },
  { name: "continued value", path: service, text: (h) => `[Service]\nExecStart=/bin/echo \\\n ${h}\n` },
  { name: "OnCalendar=", path: "/etc/systemd/system/a.timer", text: (h) => `[Timer]\nOnCalendar=${h}\n` },
  { name: "drop-in value", path: "/etc/systemd/system/a.service.d/x.conf", text: (h) => `[Service]\nExecStart=\nExecStart=${h}\n` },
];

describe("each language's whole pipeline on hostile input", () => {
  it("systemd: section and directive names, comments and values", () => {
    assertAllWithinBudget(pipelineCases("systemd", systemdSlots, inputs));
  });

  it("systemd: a directive of every parser, with the sharpest input", () => {
    const byParser = new Map(systemdDirectives.map((d) => [d.parser, d]));
    const slots = [...byParser.values()].map((d) => ({
      name: `[${d.section}] ${d.name}=`,
      path: `/etc/systemd/system/a.${d.unitTypes[0] ?? "service"}`,
      text: (h: string) => `[${d.section}]\n${d.name}=${h}\n`,
    }));
    assertAllWithinBudget(pipelineCases("systemd", slots, sharpest.slice(0, 1)));
  });

  it("cron: each field, the user, the command and environment lines", () => {
    const system = "/etc/cron.d/job";
    const user = "/var/spool/cron/crontabs/alice.crontab";
    const slots: Slot[] = [
      ...fields.map((f, i) => ({
        name: `${f.name} field`,
        path: system,
        text: (h: string) => `${["*", "*", "*", "*", "*"].map((x, j) => (j === i ? h : x)).join(" ")} root /bin/true\n`,
      })),
      { name: "@ schedule", path: system, text: (h) => `@${h} root /bin/true\n` },
      { name: "user", path: system, text: (h) => `* * * * * ${h} /bin/true\n` },
      { name: "command", path: user, text: (h) => `* * * * * /bin/echo ${h}\n` },
      { name: "environment value", path: user, text: (h) => `MAILTO=${h}\nX="${h}\n` },
      { name: "environment name", path: user, text: (h) => `${h}=1\n` },
      { name: "comment", path: user, text: (h) => `# ${h}\n` },
      { name: "bare line", path: user, text: (h) => `${h}\n` },
    ];
    assertAllWithinBudget(pipelineCases("cron", slots, inputs));
  });

  it("netplan: keys, values, sequences and comments", () => {
    const path = "/etc/netplan/01-net.yaml";
    const slots: Slot[] = [
      { name: "top-level key", path, text: (h) => `${h}:\n` },
      { name: "device key", path, text: (h) => `network:\n  ethernets:\n    ${h}: {}\n` },
      { name: "scalar value", path, text: (h) => `network:\n  renderer: ${h}\n` },
      { name: "quoted value", path, text: (h) => `network:\n  ethernets:\n    eth0:\n      macaddress: "${h}"\n` },
      { name: "sequence items", path, text: (h) => `network:\n  ethernets:\n    eth0:\n      addresses:\n        - ${h}\n` },
      { name: "gateway", path, text: (h) => `network:\n  ethernets:\n    eth0:\n      gateway4: ${h}\n` },
      { name: "comment", path, text: (h) => `# ${h}\nnetwork: {}\n` },
      { name: "bare line", path, text: (h) => `network:\n${h}\n` },
    ];
    // The YAML library spends microseconds on each stray flow character ('[', ']', '{', '}') and each quoted scalar
    // glued to the next, an error object each: linear, but 64 KiB of them take up to a few hundred ms, so these
    // inputs are 8 KiB long here.
    const flow = (i: HostileInput) => /run of '[[\]{}]'|quotes/.test(i.name);
    assertAllWithinBudget(
      pipelineCases(
        "netplan",
        slots,
        inputs.filter((i) => !flow(i)),
      ),
    );
    assertAllWithinBudget(pipelineCases("netplan", slots, hostileInputs(8 * 1024).filter(flow)));
  });

  it("netplan: the value of every key of the table, with the sharpest inputs", () => {
    const path = "/etc/netplan/01-net.yaml";
    const slots: Slot[] = [];
    const concrete = (name: string) =>
      name === "<id>" ? "eth0" : name === "<ssid>" ? "home" : name === "<address>" ? "10.0.0.1/24" : name;
    const walk = (node: SchemaNode, lines: string[], indent: string) => {
      for (const child of node.children.values()) {
        const key = `${indent}${concrete(child.name)}:`;
        if (child.info) slots.push({ name: child.path, path, text: (h) => `${[...lines, `${key} ${h}`].join("\n")}\n` });
        walk(child, [...lines, key], `${indent}  `);
        if (child.item) walk(child.item, [...lines, key, `${indent}  -`], `${indent}    `);
      }
    };
    walk(schemaRoot, [], "");
    assert.ok(slots.length > 50, `only ${slots.length} netplan keys`);
    assertAllWithinBudget(pipelineCases("netplan", slots, sharpest.slice(0, 1)));
  });

  it("logrotate: every directive of the table, in a block and at the top level, and patterns", () => {
    const path = "/etc/logrotate.d/app";
    const slots: Slot[] = [
      ...logrotateDirectives.flatMap((d) => [
        { name: `${d.name} in a block`, path, text: (h: string) => `/var/log/app.log {\n    ${d.name} ${h}\n}\n` },
        { name: `${d.name} at the top`, path, text: (h: string) => `${d.name} ${h}\n` },
      ]),
      { name: "pattern", path, text: (h) => `${h} {\n}\n` },
      { name: "quoted pattern", path, text: (h) => `"${h} {\n}\n` },
      { name: "script", path, text: (h) => `/var/log/a {\n  postrotate\n    ${h}\n  endscript\n}\n` },
      { name: "comment", path, text: (h) => `# ${h}\n` },
    ];
    assertAllWithinBudget(pipelineCases("logrotate", slots.slice(-4), inputs));
    assertAllWithinBudget(pipelineCases("logrotate", slots, sharpest.slice(0, 2)));
  });
});
