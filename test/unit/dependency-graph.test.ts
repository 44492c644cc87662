/**
 * The dependency graph of a unit set: explicit [Unit] edges read from their
 * drop-ins too, [Install] edges reversed, .wants/ links, aliases resolved,
 * instances expanded from their template, and the implicit edges systemd
 * adds (default dependencies, a timer before its service, a target after
 * what it pulls in unless that contradicts an explicit Before=).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { WorkspaceFile, WorkspaceIndex } from "../../server/src/core/language.js";
import { type DependencyGraph, dependencyGraph } from "../../server/src/languages/systemd/dependency-graph.js";
import { parseUnitFile, reparseUnitFile, type UnitFile } from "../../server/src/languages/systemd/parser.js";

/** A workspace given as path → text (or a link: `-> target`). */
function workspace(files: Record<string, string>): WorkspaceIndex {
  const list: WorkspaceFile[] = Object.entries(files).map(([path, text]) =>
    text.startsWith("-> ") ? { path, link: text.slice(3) } : { path },
  );
  return {
    unitNames: () => list.map((f) => f.path.split("/").pop() as string),
    systemdFiles: () => list,
    textOf: (path) => (files[path]?.startsWith("-> ") ? undefined : files[path]),
  };
}

const edges = (g: DependencyGraph, from: string, kind: string) =>
  g
    .outgoing(from)
    .filter((e) => e.kind === kind)
    .map((e) => `${e.to} (${e.origin}${e.source ? ` ${e.source.directive}` : ""})`)
    .sort();

const etc = "/h/etc/systemd/system";
const lib = "/h/lib/systemd/system";

describe("the dependency graph", () => {
  it("reads [Unit] dependencies with the drop-ins, Before= as the other unit's After=", () => {
    const g = dependencyGraph(
      workspace({
        [`${lib}/app.service`]: "[Unit]\nWants=db.service\nBefore=web.service\n[Service]\nExecStart=/bin/app\n",
        [`${etc}/app.service.d/order.conf`]: "[Unit]\nAfter=db.service\nRequires=db.service\n",
        [`${lib}/db.service`]: "[Service]\nExecStart=/bin/db\n",
        [`${lib}/web.service`]: "[Service]\nExecStart=/bin/web\n",
      }),
      `${lib}/app.service`,
    );
    assert.deepEqual(edges(g, "app.service", "wants"), ["db.service (unit Wants)"]);
    assert.deepEqual(edges(g, "app.service", "requires"), ["db.service (unit Requires)", "sysinit.target (implicit)"]);
    assert.deepEqual(edges(g, "app.service", "after"), ["basic.target (implicit)", "db.service (unit After)", "sysinit.target (implicit)"]);
    assert.deepEqual(edges(g, "web.service", "after").slice(0, 1), ["app.service (unit Before)"]);
    assert.equal(g.outgoing("app.service").find((e) => e.source?.directive === "After")?.source?.path, `${etc}/app.service.d/order.conf`);
  });

  it("turns [Install] and .wants/ links into edges from the target, and orders the target after the unit", () => {
    const g = dependencyGraph(
      workspace({
        [`${etc}/backup.timer`]: "[Timer]\nOnCalendar=daily\n[Install]\nWantedBy=timers.target\nAlso=backup.service\n",
        [`${etc}/backup.service`]: "[Service]\nType=oneshot\nExecStart=/bin/backup\n",
        [`${etc}/timers.target.wants/backup.timer`]: "-> ../backup.timer",
      }),
      `${etc}/backup.timer`,
    );
    assert.deepEqual(edges(g, "timers.target", "wants"), ["backup.timer (install WantedBy)", "backup.timer (link wants link)"]);
    assert.deepEqual(edges(g, "backup.timer", "also"), ["backup.service (install Also)"]);
    assert.deepEqual(edges(g, "backup.timer", "triggers"), ["backup.service (implicit)"]);
    // The service starts after its timer; the timer before timers.target (so timers.target is after it) and after time-sync.
    assert.ok(edges(g, "backup.service", "after").includes("backup.timer (implicit)"));
    assert.ok(edges(g, "timers.target", "after").includes("backup.timer (implicit)"));
    assert.ok(edges(g, "backup.timer", "after").includes("time-sync.target (implicit)"));
    assert.equal(g.nodes.get("timers.target")?.known, "standard");
  });

  it("resolves aliases to their unit and expands instances from the template", () => {
    const g = dependencyGraph(
      workspace({
        [`${lib}/postgresql.service`]: "[Service]\nExecStart=/bin/pg\n",
        [`${lib}/db.service`]: "-> postgresql.service",
        [`${lib}/worker@.service`]: "[Unit]\nAfter=db.service prep@%i.service\n[Service]\nExecStart=/bin/w %i\n",
        [`${etc}/multi-user.target.wants/worker@one.service`]: "-> /lib/systemd/system/worker@.service",
      }),
      `${lib}/worker@.service`,
    );
    assert.deepEqual(edges(g, "multi-user.target", "wants"), ["worker@one.service (link wants link)"]);
    assert.deepEqual(
      edges(g, "worker@one.service", "after").filter((e) => e.includes("unit")),
      ["postgresql.service (unit After)", "prep@one.service (unit After)"],
    );
    assert.equal(g.resolve("db.service"), "postgresql.service");
    assert.equal(g.nodes.get("prep@one.service")?.known, "name");
  });

  it("adds no default dependencies with DefaultDependencies=no, and no target ordering against an explicit Before=", () => {
    const g = dependencyGraph(
      workspace({
        [`${etc}/early.service`]:
          "[Unit]\nDefaultDependencies=no\nBefore=sysinit.target\n[Service]\nExecStart=/bin/e\n[Install]\nWantedBy=sysinit.target\n",
        [`${etc}/late.service`]: "[Unit]\nAfter=multi-user.target\n[Service]\nExecStart=/bin/l\n[Install]\nWantedBy=multi-user.target\n",
      }),
      `${etc}/early.service`,
    );
    assert.deepEqual(edges(g, "early.service", "after"), []);
    assert.deepEqual(edges(g, "early.service", "requires"), []);
    // Before=sysinit.target makes sysinit.target start after it; WantedBy= adds no ordering of its own (no default dependencies).
    assert.deepEqual(
      edges(g, "sysinit.target", "after").filter((e) => e.startsWith("early.service")),
      ["early.service (unit Before)"],
    );
    assert.ok(!edges(g, "multi-user.target", "after").some((e) => e.startsWith("late.service")));
  });

  it("stands after an edit of the checked file that it does not read, and follows one that it reads", () => {
    const path = `${etc}/app.service`;
    const v1Text = "[Unit]\nAfter=db.service\n\n[Service]\nEnvironment=A=1\nExecStart=/bin/app\n";
    const ws = workspace({ [path]: v1Text, [`${etc}/db.service`]: "[Service]\nExecStart=/bin/db\n" });
    const v1 = parseUnitFile(v1Text);
    const g1 = dependencyGraph(ws, path, { path, file: v1 });
    // The server parses each version from the one before: untouched assignments stay the same objects.
    const edit = (file: UnitFile, before: string, after: string) => reparseUnitFile(file, before, after);
    const v2Text = v1Text.replace("A=1", "A=2");
    const v2 = edit(v1, v1Text, v2Text);
    assert.equal(dependencyGraph(ws, path, { path, file: v2 }), g1);
    const v3Text = v2Text.replace("After=db.service", "After=web.service");
    const v3 = edit(v2, v2Text, v3Text);
    const g3 = dependencyGraph(ws, path, { path, file: v3 });
    assert.notEqual(g3, g1);
    assert.deepEqual(
      edges(g3, "app.service", "after").filter((e) => e.includes("unit")),
      ["web.service (unit After)"],
    );
    // A line added above moves the After= line: the edge's range follows it.
    const v4Text = `# note\n${v3Text}`;
    const v4 = edit(v3, v3Text, v4Text);
    const g4 = dependencyGraph(ws, path, { path, file: v4 });
    assert.equal(g4.outgoing("app.service").find((e) => e.source?.directive === "After")?.source?.range?.start.line, 2);
    // Emptied, the file masks its unit.
    const v5 = edit(v4, v4Text, "\n");
    assert.equal(dependencyGraph(ws, path, { path, file: v5 }).nodes.get("app.service")?.masked, true);
  });
  it("follows a standard target's dependency to the unit a workspace names it for, and only in that workspace", () => {
    const enabled = "[Service]\nExecStart=/bin/x\n[Install]\nWantedBy=graphical.target\n";
    const withGdm = dependencyGraph(
      workspace({
        [`${lib}/gdm3.service`]: enabled,
        [`${etc}/display-manager.service`]: "-> /lib/systemd/system/gdm3.service",
      }),
      `${lib}/gdm3.service`,
    );
    const plain = dependencyGraph(workspace({ "/p/etc/systemd/system/x.service": enabled }), "/p/etc/systemd/system/x.service");
    assert.ok(edges(withGdm, "graphical.target", "wants").includes("gdm3.service (standard)"));
    assert.ok(!edges(withGdm, "graphical.target", "wants").includes("display-manager.service (standard)"));
    assert.ok(edges(plain, "graphical.target", "wants").includes("display-manager.service (standard)"));
    assert.ok(edges(withGdm, "graphical.target", "after").includes("gdm3.service (standard)"));
    assert.equal(plain.nodes.get("graphical.target")?.known, "standard");
  });
});
