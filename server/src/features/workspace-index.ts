import { readFileSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { kindOfPath } from "../core/kinds.js";
import type { WorkspaceIndex } from "../core/language.js";

const skipDirs = new Set(["node_modules", ".git", ".hg", ".svn", "dist", "out", ".cache"]);
const MAX_UNIT_SIZE = 1024 * 1024;

function isUnitFile(path: string): boolean {
  return kindOfPath(path) === "systemd" && !path.endsWith(".conf");
}

/**
 * Unit files known to the server or the CLI: those found under some roots
 * (bounded), those named on the command line, and open documents, whose
 * unsaved text wins over the file on disk.
 */
export class UnitNameIndex implements WorkspaceIndex {
  private readonly paths = new Map<string, string>();
  private readonly open = new Map<string, { name: string; text: () => string }>();
  private readonly texts = new Map<string, { mtimeMs: number; size: number; text: string }>();
  private readonly logrotatePaths = new Set<string>();
  /** Open logrotate documents by URI. */
  private readonly openLogrotate = new Map<string, { path: string; text: () => string }>();

  unitNames(): readonly string[] {
    return [...new Set([...this.paths.keys(), ...[...this.open.values()].map((o) => o.name)])];
  }

  unitText(name: string): string | undefined {
    for (const o of this.open.values()) if (o.name === name) return o.text();
    const path = this.paths.get(name);
    return path ? this.readCached(path) : undefined;
  }

  /** Logrotate configs: open documents first (their unsaved text), then the files found on disk. */
  logrotateConfigs(): readonly { path: string; text: string }[] {
    const out = new Map<string, string>();
    for (const o of this.openLogrotate.values()) out.set(o.path, o.text());
    for (const path of this.logrotatePaths) {
      if (out.has(path)) continue;
      const text = this.readCached(path);
      if (text !== undefined) out.set(path, text);
    }
    return [...out].map(([path, text]) => ({ path, text }));
  }

  private readCached(path: string): string | undefined {
    try {
      // Rules ask for the same unit several times per check (and on every keystroke in a drop-in): read a file once per change.
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

  addOpen(uri: string, path: string, text: () => string): void {
    const name = path.split(/[\\/]/).pop() ?? "";
    if (isUnitFile(path)) this.open.set(uri, { name, text });
    if (kindOfPath(path) === "logrotate") this.openLogrotate.set(uri, { path, text });
  }

  removeOpen(uri: string): void {
    this.open.delete(uri);
    this.openLogrotate.delete(uri);
  }

  addPath(path: string): void {
    if (isUnitFile(path)) this.paths.set(path.split(/[\\/]/).pop() ?? path, path);
    if (kindOfPath(path) === "logrotate") this.logrotatePaths.add(path);
  }

  /** Walks the roots for unit files, visiting at most `limit` entries so a huge workspace cannot stall the server. */
  async scan(roots: string[], limit = 20000): Promise<void> {
    let budget = limit;
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (budget <= 0 || depth > 12) return;
      let entries: import("node:fs").Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (--budget <= 0) return;
        if (e.isDirectory()) {
          if (!skipDirs.has(e.name)) await walk(join(dir, e.name), depth + 1);
        } else {
          this.addPath(join(dir, e.name));
        }
      }
    };
    for (const root of roots) await walk(root, 0);
  }
}
