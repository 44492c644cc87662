import type { Manager } from "./search-path.js";

/**
 * The dependencies systemd adds by itself when it loads a unit, limited to
 * the ones that are certain from the unit's own settings (src/core/service.c,
 * socket.c, timer.c, path.c, target.c; man systemd.service, systemd.socket,
 * systemd.timer, systemd.path, systemd.target, "Implicit Dependencies" and
 * "Default Dependencies"):
 *
 * - with DefaultDependencies=yes (the default) a service, socket, timer or
 *   path unit of the system manager requires and is ordered after
 *   sysinit.target; a service is ordered after basic.target; sockets, timers
 *   and path units are ordered before sockets.target, timers.target and
 *   paths.target; all of them conflict with and are ordered before
 *   shutdown.target; a timer with OnCalendar= is ordered after
 *   time-set.target and time-sync.target (system manager);
 * - a target with default dependencies is ordered after every unit it
 *   requires or wants, unless that unit has DefaultDependencies=no or the
 *   target is already ordered before it (the graph adds these once every
 *   explicit edge is known), and conflicts with shutdown.target;
 * - whatever DefaultDependencies= says, a timer, path or socket unit is
 *   ordered before the unit it activates (which it also triggers), and a
 *   service wants and is ordered after the sockets of its Sockets=.
 *
 * Mount, swap, automount, slice and device units get dependencies from
 * their paths and from fstab options; those are left out, so the graph may
 * miss a cycle through them but never invents one.
 */

export type ImplicitKind = "requires" | "after" | "before" | "conflicts";

export interface ImplicitDependency {
  kind: ImplicitKind;
  unit: string;
  reason: string;
}

export function defaultDependenciesOf(type: string, manager: Manager, hasCalendar: boolean): ImplicitDependency[] {
  const out: ImplicitDependency[] = [];
  const add = (kind: ImplicitKind, unit: string, reason: string) => out.push({ kind, unit, reason });
  const why = `default dependency of a ${type} unit (DefaultDependencies=yes)`;
  if (!["service", "socket", "timer", "path"].includes(type)) return out;
  if (manager === "system") {
    add("requires", "sysinit.target", why);
    add("after", "sysinit.target", why);
  }
  if (type === "service") add("after", "basic.target", why);
  if (type === "socket") add("before", "sockets.target", why);
  if (type === "timer") add("before", "timers.target", why);
  if (type === "path") add("before", "paths.target", why);
  if (type === "timer" && hasCalendar && manager === "system") {
    add("after", "time-set.target", `${why}, with OnCalendar=`);
    add("after", "time-sync.target", `${why}, with OnCalendar=`);
  }
  add("conflicts", "shutdown.target", why);
  add("before", "shutdown.target", why);
  return out;
}

/** A target's own default dependencies, besides the ordering after what it pulls in. */
export function targetDefaultDependencies(name: string): ImplicitDependency[] {
  if (name === "shutdown.target") return [];
  const why = "default dependency of a target (DefaultDependencies=yes)";
  return [
    { kind: "conflicts", unit: "shutdown.target", reason: why },
    { kind: "before", unit: "shutdown.target", reason: why },
  ];
}
