import { type Dirent, lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { kindOfPath, pathParts } from "../core/kinds.js";
import type { WorkspaceFile, WorkspaceIndex } from "../core/language.js";

const skipDirs = new Set(["node_modules", ".git", ".hg", ".svn", "dist", "out", ".cache"]);
const MAX_UNIT_SIZE = 1024 * 1024;
/**
 * Entries (files, links and directories) a workspace scan visits at most. A fleet's configuration repository of
 * 20,000 units and drop-ins has about 45,000 entries with its `*.wants/` links and directories; the index keeps
 * about 200 bytes per systemd file, and the scan yields to requests as it goes, so a generous bound costs little.
 */
export const DEFAULT_SCAN_BUDGET = 100_000;
/** Entries a scan handles between two turns of the event loop: requests wait at most this long for it. */
const SCAN_CHUNK = 256;

function nameOf(path: string): string {
  return pathParts(path).pop() ?? path;
}

function isSystemdFile(path: string): boolean {
  return kindOfPath(path) === "systemd";
}

/** The directory whose units and drop-ins a file is judged with: its own, or its unit's for a drop-in in `UNIT.d/`. */
function unitDirOf(path: string): string {
  const parts = pathParts(path);
  const parent = parts.slice(0, -1).join("/");
  const dir = path.endsWith(".conf") && parent.endsWith(".d") ? parts.slice(0, -2).join("/") : parent;
  return dir === "" ? "." : dir;
}

function isUnitFile(path: string): boolean {
  return isSystemdFile(path) && !path.endsWith(".conf");
}

function linkOf(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A file's text as saved and its size in bytes, read once for a whole `etcetera lint` run (each file is read for
 * its own check and, earlier, for the check of another unit of its set); undefined where it cannot be read as text.
 */
export type SavedTextReader = (path: string) => { text: string; size: number } | undefined;

/**
 * The systemd files known to the server or the CLI: those found under some
 * roots (bounded), those named on the command line, and open documents,
 * whose unsaved text wins over the file on disk. Units by name for the
 * older rules, every unit, drop-in and link by path for the unit set.
 */
export class UnitNameIndex implements WorkspaceIndex {
  private readonly files = new Map<string, WorkspaceFile>();
  private readonly open = new Map<string, { path: string; text: () => string }>();
  private readonly texts = new Map<string, { mtimeMs: number; size: number; text: string }>();
  private readonly logrotatePaths = new Set<string>();
  /** Open logrotate documents by URI. */
  private readonly openLogrotate = new Map<string, { path: string; text: () => string }>();
  private snapshot: readonly WorkspaceFile[] | undefined;
  private names:
    | { of: readonly WorkspaceFile[]; all: Map<string, string>; onDisk: Map<string, string>; list: readonly string[] }
    | undefined;
  private stoppedAt: string | undefined;
  /** The roots of the scan while it runs. */
  private scanning: readonly string[] | undefined;
  /** Set for `etcetera lint`: the files do not change while it runs (the server re-checks a file's stat instead). */
  private unchanging = false;
  /** How `etcetera lint` reads a file: once for its own check and for the checks of the files beside it. */
  private read: SavedTextReader | undefined;

  unitNames(): readonly string[] {
    return this.byName().list;
  }

  unitText(name: string): string | undefined {
    for (const o of this.open.values()) if (isUnitFile(o.path) && nameOf(o.path) === name) return o.text();
    const path = this.byName().onDisk.get(name);
    return path === undefined ? undefined : this.textOf(path);
  }

  /**
   * Units by name, kept with the snapshot they come from: rules ask for names and texts
   * once per checked file, which a scan of every file made quadratic over a whole tree.
   */
  private byName(): { all: Map<string, string>; onDisk: Map<string, string>; list: readonly string[] } {
    const files = this.systemdFiles();
    if (this.names?.of !== files) {
      const all = new Map<string, string>();
      const onDisk = new Map<string, string>();
      for (const path of this.files.keys()) if (isUnitFile(path) && !onDisk.has(nameOf(path))) onDisk.set(nameOf(path), path);
      for (const f of files) if (isUnitFile(f.path) && !all.has(nameOf(f.path))) all.set(nameOf(f.path), f.path);
      // The list too: rules ask for every name once per check, which copied 20,000 names each time in a fleet repository.
      this.names = { of: files, all, onDisk, list: [...all.keys()] };
    }
    return this.names;
  }

  /** Logrotate configs: open documents first (their unsaved text), then the files found on disk. */
  logrotateConfigs(): readonly { path: string; text: string }[] {
    const out = new Map<string, string>();
    for (const o of this.openLogrotate.values()) out.set(o.path, o.text());
    for (const path of this.logrotatePaths) {
      if (out.has(path)) continue;
      const text = this.textOf(path);
      if (text !== undefined) out.set(path, text);
    }
    return [...out].map(([path, text]) => ({ path, text }));
  }

  systemdFiles(): readonly WorkspaceFile[] {
    if (!this.snapshot) {
      const all = new Map(this.files);
      for (const o of this.open.values()) if (isSystemdFile(o.path) && !all.has(o.path)) all.set(o.path, { path: o.path });
      this.snapshot = [...all.values()];
    }
    return this.snapshot;
  }

  textOf(path: string): string | undefined {
    for (const o of this.open.values()) if (o.path === path) return o.text();
    // A lint run reads each file once: nothing changes them meanwhile, so no stat per question either.
    if (this.read) {
      const saved = this.read(path);
      return saved && saved.size <= MAX_UNIT_SIZE ? saved.text : undefined;
    }
    const read = this.unchanging ? this.texts.get(path) : undefined;
    if (read) return read.text;
    try {
      // Rules ask for the same file several times per check (and on every keystroke in a drop-in): read a file once per change.
      const info = statSync(path);
      if (!info.isFile() || info.size > MAX_UNIT_SIZE) return undefined;
      const cached = this.texts.get(path);
      if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.text;
      const text = readFileSync(path, "utf8");
      this.texts.set(path, { mtimeMs: info.mtimeMs, size: info.size, text });
      return text;
    } catch {
      return undefined;
    }
  }

  incomplete(): string | undefined {
    return this.stoppedAt ?? (this.scanning ? "the workspace scan is still running" : undefined);
  }

  /** Whether the index knows this path (on disk or open). */
  has(path: string): boolean {
    return this.files.has(path) || [...this.open.values()].some((o) => o.path === path);
  }

  addOpen(uri: string, path: string, text: () => string): void {
    this.open.set(uri, { path, text });
    if (kindOfPath(path) === "logrotate") this.openLogrotate.set(uri, { path, text });
    this.snapshot = undefined;
  }

  removeOpen(uri: string): void {
    this.open.delete(uri);
    this.openLogrotate.delete(uri);
    this.snapshot = undefined;
  }

  /** Adds a file found on disk; `isLink` when the caller knows already (a directory entry), saving an lstat. */
  addPath(path: string, isLink?: boolean): void {
    const kind = kindOfPath(path);
    if (kind === "logrotate") this.logrotatePaths.add(path);
    if (kind !== "systemd") return;
    const link = isLink === false ? undefined : linkOf(path);
    this.files.set(path, link === undefined ? { path } : { path, link });
    this.texts.delete(path);
    this.snapshot = undefined;
  }

  /** Forgets a deleted file, or every file under a deleted directory. */
  removePath(path: string): void {
    const under = path.endsWith("/") ? path : `${path}/`;
    for (const known of [...this.files.keys()])
      if (known === path || known.startsWith(under)) {
        this.files.delete(known);
        this.texts.delete(known);
      }
    for (const known of [...this.logrotatePaths]) if (known === path || known.startsWith(under)) this.logrotatePaths.delete(known);
    this.snapshot = undefined;
  }

  /** Adds the systemd files of a directory: its units and the drop-ins of its `*.d` subdirectories (as `systemd-analyze verify` reads the unit's own directory). */
  addDirectory(dir: string): void {
    for (const [path, isLink] of directoryFiles(dir)) this.addPath(path, isLink);
  }

  /**
   * Adds the directory of a file of the workspace opened while the scan runs (its unit directory, or the unit's for a drop-in), so
   * that its unit set is complete at once, as `etcetera lint FILE` sees it, before the scan reaches it.
   */
  addDirectoryOf(path: string): void {
    if (!this.scanning?.some((root) => path.startsWith(root.endsWith("/") ? root : `${root}/`)) || !isSystemdFile(path)) return;
    this.addDirectory(unitDirOf(path));
  }

  /**
   * The index `etcetera lint` judges files with: the files given, and for each unit directory they are
   * in, its other units and drop-ins (as `systemd-analyze verify` adds a unit's directory to its search path).
   * The directories are read synchronously: the CLI waits for them anyway, and a thread-pool round trip per
   * directory cost more than the reads.
   */
  static async forFiles(paths: readonly string[], read?: SavedTextReader): Promise<UnitNameIndex> {
    const index = new UnitNameIndex();
    index.unchanging = true;
    index.read = read;
    const given = paths.filter(isSystemdFile);
    // Each directory read once: a file given that its listing holds needs no lstat of its own to tell a link.
    const listed = new Map<string, boolean>();
    for (const dir of new Set(given.map(unitDirOf))) for (const [path, isLink] of directoryFiles(dir)) listed.set(path, isLink);
    for (const path of given) index.addPath(path, listed.get(path));
    for (const [path, isLink] of listed) index.addPath(path, isLink);
    return index;
  }

  /**
   * Walks the roots for systemd files, visiting at most `limit` entries so a huge workspace cannot stall the server.
   * It never holds the event loop for long: directories are read asynchronously, and every SCAN_CHUNK entries it
   * waits for the next turn of the loop, so requests (hover, completion, the checks of an open document) are answered
   * while it runs. Until it ends, incomplete() says so: absence of a unit proves nothing yet.
   */
  async scan(roots: string[], limit = DEFAULT_SCAN_BUDGET): Promise<void> {
    let budget = limit;
    let sinceYield = 0;
    this.stoppedAt = undefined;
    this.scanning = roots;
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (budget <= 0 || depth > 12) return;
      for (const e of await entriesOf(dir)) {
        if (--budget <= 0) {
          this.stoppedAt ??= `the workspace scan stopped after ${limit} entries (in ${dir}); units beyond it are unknown`;
          return;
        }
        if (++sinceYield >= SCAN_CHUNK) {
          sinceYield = 0;
          await new Promise((resolveTurn) => setImmediate(resolveTurn));
        }
        if (e.isDirectory()) {
          if (!skipDirs.has(e.name)) await walk(join(dir, e.name), depth + 1);
        } else {
          this.addPath(join(dir, e.name), e.isSymbolicLink());
        }
      }
    };
    try {
      for (const root of roots) await walk(root, 0);
    } finally {
      this.scanning = undefined;
    }
  }
}

/** A directory's entries; none when it cannot be read (gone, not a directory, no permission): a scan skips it. */
async function entriesOf(dir: string): Promise<Dirent[]> {
  return readdir(dir, { withFileTypes: true }).catch(() => []);
}

/** The files of a unit directory and of its `*.d` subdirectories, each with whether it is a symbolic link. */
function directoryFiles(dir: string): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const e of entriesOfSync(dir)) {
    const full = join(dir, e.name);
    if (e.isDirectory() && e.name.endsWith(".d")) {
      for (const d of entriesOfSync(full)) out.set(join(full, d.name), d.isSymbolicLink());
    } else if (!e.isDirectory()) out.set(full, e.isSymbolicLink());
  }
  return out;
}

function entriesOfSync(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
