/**
 * The effective unit (merge.ts, effective-unit.ts, merge-hover.ts): a unit
 * file and its drop-ins in, the merged unit line by line with its sources
 * out, with notes where a later file overrides, adds to or resets what an
 * earlier one set; and the same facts on hover.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { effectiveUnit } from "../../server/src/languages/systemd/effective-unit.js";
import { hoverInTree, memoryWorkspace, type TreeFile } from "../helpers/unit-tree.js";

const unit = "/lib/systemd/system/foo.service";
const dropIn = "/etc/systemd/system/foo.service.d/10-x.conf";

const fooService = `[Unit]
Description=Foo
After=network.target
ConditionPathExists=/etc/foo

[Service]
ExecStart=/usr/bin/foo
Restart=on-failure
ExecStartPre=/bin/true
`;

function view(tree: Record<string, TreeFile>, name = "foo.service", from = unit): string {
  return effectiveUnit(memoryWorkspace(tree), name, from).text;
}

describe("the effective unit, as systemctl cat shows it and more", () => {
  it("lists the unit file, then each drop-in under its path, with what each assignment does", () => {
    const text = view({
      [unit]: fooService,
      [dropIn]:
        "[Unit]\nAfter=\nConditionFileNotEmpty=\n[Service]\nExecStart=\nExecStart=/usr/bin/foo --bar\nRestart=always\nExecStartPre=/bin/false\n",
    });
    assert.equal(
      text,
      `# /lib/systemd/system/foo.service
[Unit]
Description=Foo
After=network.target
ConditionPathExists=/etc/foo
#   ^ No effect: ConditionFileNotEmpty= at ${dropIn}:3 resets every condition.

[Service]
ExecStart=/usr/bin/foo
#   ^ No effect: ExecStart= at ${dropIn}:5 resets the list.
Restart=on-failure
#   ^ No effect: overridden by Restart=always at ${dropIn}:7.
ExecStartPre=/bin/true

# ${dropIn}
[Unit]
After=
#   ^ Has no effect: dependencies cannot be reset, After=network.target (${unit}:3) stays.
ConditionFileNotEmpty=
#   ^ Resets every condition: drops ConditionPathExists=/etc/foo (${unit}:4).
[Service]
ExecStart=
#   ^ Resets the list of ExecStart=: drops ExecStart=/usr/bin/foo (${unit}:7).
ExecStart=/usr/bin/foo --bar
Restart=always
#   ^ Overrides Restart=on-failure from ${unit}:8.
ExecStartPre=/bin/false
#   ^ Adds to ExecStartPre=/bin/true (${unit}:9); the earlier value stays.
`,
    );
  });

  it("gives each line its file and line number", () => {
    const result = effectiveUnit(memoryWorkspace({ [unit]: fooService, [dropIn]: "[Service]\nRestart=always\n" }), "foo.service", dropIn);
    assert.ok(result.found);
    const restart = result.lines.find((l) => l.text === "Restart=always");
    assert.deepEqual(restart, { text: "Restart=always", role: "source", path: dropIn, line: 1 });
    const headers = result.lines.filter((l) => l.role === "header").map((l) => l.path);
    assert.deepEqual(headers, [unit, dropIn]);
    const note = result.lines[result.lines.indexOf(restart) + 1];
    assert.deepEqual(note, { text: `#   ^ Overrides Restart=on-failure from ${unit}:8.`, role: "note" });
  });

  it("applies drop-ins in file-name order across directories, as systemd does", () => {
    const text = view({
      [unit]: "[Service]\nExecStart=/bin/a\n",
      "/lib/systemd/system/foo.service.d/20-late.conf": "[Service]\nNice=5\n",
      "/etc/systemd/system/foo.service.d/10-early.conf": "[Service]\nNice=1\n",
      "/etc/systemd/system/service.d/99-all.conf": "[Service]\nNice=9\n",
    });
    const headers = text.split("\n").filter((l) => l.startsWith("# /"));
    assert.deepEqual(headers, [
      `# ${unit}`,
      "# /etc/systemd/system/foo.service.d/10-early.conf",
      "# /lib/systemd/system/foo.service.d/20-late.conf",
      "# /etc/systemd/system/service.d/99-all.conf",
    ]);
    assert.match(text, /Nice=9\n# {3}\^ Overrides Nice=5 from \/lib\/systemd\/system\/foo.service.d\/20-late.conf:2\./);
  });

  it("says when the same value is set again, and when an empty single value resets to the default", () => {
    const text = view({ [unit]: "[Service]\nExecStart=/bin/a\nRestart=always\nNice=5\n", [dropIn]: "[Service]\nRestart=always\nNice=\n" });
    assert.match(
      text,
      /Restart=always\n# {3}\^ Sets the value Restart=always already has from \/lib\/systemd\/system\/foo.service:3: no change\./,
    );
    assert.match(text, /Nice=\n# {3}\^ Resets Nice= to its default, dropping Nice=5 from /);
    assert.match(text, /Nice=5\n# {3}\^ No effect: Nice= at .*:3 resets it to its default\./);
  });

  it("puts a note under the last line of a continued assignment", () => {
    const text = view({ [unit]: "[Service]\nExecStart=/bin/a \\\n  --flag\n", [dropIn]: "[Service]\nExecStart=\nExecStart=/bin/b\n" });
    assert.match(text, /ExecStart=\/bin\/a \\\n {2}--flag\n# {3}\^ No effect/);
  });

  it("says nothing about several values of a list in one file", () => {
    const text = view({ [unit]: "[Service]\nExecStart=/bin/a\nExecStartPre=/bin/x\nExecStartPre=/bin/y\n" });
    assert.doesNotMatch(text, /\^/);
  });

  it("tells a masked unit, an alias, drop-ins without their unit, and a unit the workspace lacks", () => {
    assert.match(
      view({ "/etc/systemd/system/foo.service": { link: "/dev/null" }, [unit]: fooService }),
      /^# foo.service is masked by \/etc\/systemd\/system\/foo.service/,
    );
    const alias = view({ [unit]: fooService, "/etc/systemd/system/bar.service": { link: unit } }, "bar.service");
    assert.match(
      alias,
      /^# bar.service is an alias of foo.service; systemd loads the unit below\.\n\n# \/lib\/systemd\/system\/foo.service\n/,
    );
    const orphan = view({ [dropIn]: "[Service]\nNice=1\n" }, "foo.service", dropIn);
    assert.match(
      orphan,
      /^# No unit file for foo.service in the workspace; only its drop-ins:\n\n# \/etc\/systemd\/system\/foo.service.d\/10-x.conf\n/,
    );
    const none = effectiveUnit(memoryWorkspace({ [unit]: fooService }), "bar.service", unit);
    assert.equal(none.found, false);
    assert.equal(none.text, "# No unit file or drop-in for bar.service in the workspace.\n");
  });

  it("uses a template's file and drop-ins for an instance", () => {
    const text = view(
      {
        "/lib/systemd/system/getty@.service": "[Service]\nExecStart=/sbin/agetty %I\n",
        "/etc/systemd/system/getty@.service.d/autologin.conf": "[Service]\nExecStart=\nExecStart=/sbin/agetty --autologin me %I\n",
      },
      "getty@tty1.service",
      "/lib/systemd/system/getty@.service",
    );
    assert.match(
      text,
      /ExecStart=\n# {3}\^ Resets the list of ExecStart=: drops ExecStart=\/sbin\/agetty %I \(\/lib\/systemd\/system\/getty@.service:2\)\./,
    );
  });
});

describe("hover on a setting says what it does to the merged unit", () => {
  const tree = (dropInText: string, unitText = fooService): Record<string, TreeFile> => ({ [unit]: unitText, [dropIn]: dropInText });
  const link = (line: number) => `[${unit.replace(/[._-]/g, (c) => `\\${c}`)}:${line}](file://${unit}#L${line})`;

  it("in a drop-in, an override names the value it replaces and where it was set", () => {
    const hover = hoverInTree(tree("[Service]\nRest|art=always\n"), dropIn);
    assert.ok(hover);
    assert.ok(hover.contents.startsWith(`Overrides \`Restart=on-failure\` from ${link(8)}.\n\n---\n\n**Restart=**`), hover.contents);
  });

  it("on the value too", () => {
    const hover = hoverInTree(tree("[Service]\nRestart=alw|ays\n"), dropIn);
    assert.match(hover?.contents ?? "", /^Overrides `Restart=on-failure`/);
  });

  it("a list value adds to the unit's, an empty one resets the list", () => {
    assert.match(
      hoverInTree(tree("[Service]\nExecStart|Pre=/bin/false\n"), dropIn)?.contents ?? "",
      new RegExp(
        `^Adds to \`ExecStartPre=/bin/true\` \\(${link(9).replace(/[\\[\]().]/g, (c) => `\\${c}`)}\\); the earlier value stays\\.`,
      ),
    );
    assert.match(
      hoverInTree(tree("[Service]\nExec|Start=\nExecStart=/bin/b\n"), dropIn)?.contents ?? "",
      /^Resets the list of `ExecStart=`: drops `ExecStart=\/usr\/bin\/foo`/,
    );
  });

  it("an empty dependency changes nothing", () => {
    assert.match(
      hoverInTree(tree("[Unit]\nAft|er=\n"), dropIn)?.contents ?? "",
      /^Has no effect: dependencies cannot be reset, `After=network.target`/,
    );
  });

  it("in the unit file, a setting a drop-in overrides says it has no effect", () => {
    const hover = hoverInTree(
      { [unit]: fooService.replace("Restart=on-failure", "Resta|rt=on-failure"), [dropIn]: "[Service]\nRestart=always\n" },
      unit,
    );
    assert.match(
      hover?.contents ?? "",
      /^No effect: overridden by `Restart=always` at \[\/etc\/systemd\/system\/foo\\\.service\\\.d\/10\\-x\\\.conf:2\]\(file:\/\/\/etc\/systemd\/system\/foo.service.d\/10-x.conf#L2\)\./,
    );
  });

  it("says nothing more for a unit without drop-ins or a setting nothing else touches", () => {
    assert.match(hoverInTree({ [unit]: fooService.replace("Restart=", "Rest|art=") }, unit)?.contents ?? "", /^\*\*Restart=\*\*/);
    assert.match(hoverInTree(tree("[Service]\nNi|ce=5\n"), dropIn)?.contents ?? "", /^\*\*Nice=\*\*/);
  });
});
