import { isWindowsPath } from "../../core/kinds.js";

/**
 * The unit search paths of systemd's system and user managers (man
 * systemd.unit, "Unit File Load Path"), highest priority first, and how a
 * directory of the workspace maps onto them: a workspace laid out like a
 * host (`etc/systemd/system/…`, `lib/systemd/system/…`, under any prefix)
 * or a flat folder of units, which counts as one directory of its own.
 */

export type Manager = "system" | "user";

const home = "(?:home/[^/]+|root)";

const searchPaths: Record<Manager, readonly string[]> = {
  system: [
    "etc/systemd/system\\.control",
    "run/systemd/system\\.control",
    "run/systemd/transient",
    "run/systemd/generator\\.early",
    "etc/systemd/system",
    "etc/systemd/system\\.attached",
    "run/systemd/system",
    "run/systemd/system\\.attached",
    "run/systemd/generator",
    "usr/local/lib/systemd/system",
    "usr/lib/systemd/system",
    "lib/systemd/system",
    "run/systemd/generator\\.late",
  ],
  user: [
    `${home}/\\.config/systemd/user\\.control`,
    "run/user/[0-9]+/systemd/user\\.control",
    "run/user/[0-9]+/systemd/transient",
    "run/user/[0-9]+/systemd/generator\\.early",
    `${home}/\\.config/systemd/user`,
    "etc/systemd/user",
    "run/user/[0-9]+/systemd/user",
    "run/systemd/user",
    "run/user/[0-9]+/systemd/generator",
    `${home}/\\.local/share/systemd/user`,
    "usr/local/share/systemd/user",
    "usr/share/systemd/user",
    "usr/local/lib/systemd/user",
    "usr/lib/systemd/user",
    "lib/systemd/user",
    "run/user/[0-9]+/systemd/generator\\.late",
  ],
};

const matchers = (Object.keys(searchPaths) as Manager[]).flatMap((manager) =>
  searchPaths[manager].map((dir, rank) => ({ manager, rank, re: new RegExp(`^(.*?)/?${dir}$`) })),
);

/** Where a flat folder ranks: like /etc/systemd/system, the administrator's own directory. */
const FLAT_RANK = searchPaths.system.indexOf("etc/systemd/system");

/** A directory that holds unit files, placed in the search path of one manager under one root. */
export interface UnitDir {
  /** The directory, with '/' separators. */
  readonly dir: string;
  readonly manager: Manager;
  /** The host-like prefix it sits under (the flat folder itself when it matches no search path). */
  readonly root: string;
  /** Position in the manager's search path: lower wins. */
  readonly rank: number;
}

export function normalizeDir(path: string): string {
  // pathParts(path).join("/"), without the arrays: hot in the dependency graph, and a POSIX path is already normal.
  return isWindowsPath(path) ? path.replace(/\\/g, "/") : path;
}

const placed = new Map<string, UnitDir>();

/**
 * Places a directory that holds unit files into a manager's search path. Once per directory: the index places
 * each file's directory and every check its own, and each placement tries up to 29 patterns.
 */
export function placeUnitDir(dir: string): UnitDir {
  let known = placed.get(dir);
  if (!known) {
    // A bound on what a long session of scanned and renamed directories may leave here.
    if (placed.size >= 100_000) placed.clear();
    known = place(normalizeDir(dir));
    placed.set(dir, known);
  }
  return known;
}

function place(d: string): UnitDir {
  for (const m of matchers) {
    const hit = m.re.exec(d);
    if (hit) return { dir: d, manager: m.manager, root: hit[1] ?? "", rank: m.rank };
  }
  return { dir: d, manager: "system", root: d, rank: FLAT_RANK };
}

/** The key of the unit set a directory belongs to: one manager under one root. */
export function unitSetKey(d: UnitDir): string {
  return `${d.manager}\u0000${d.root}`;
}

/** Directories under `*.wants/`, `*.requires/`, `*.upholds/` hold dependency links, not units. */
export function isDependencyDir(name: string): boolean {
  return /\.(wants|requires|upholds)$/.test(name);
}
