import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { WorkspaceIndex } from "../core/language.js";
import { detectKind } from "../core/registry.js";

const skipDirs = new Set(["node_modules", ".git", ".hg", ".svn", "dist", "out", ".cache"]);

/** Unit file names found under some roots (bounded), plus those of open documents. */
export class UnitNameIndex implements WorkspaceIndex {
  private readonly scanned = new Set<string>();
  private readonly open = new Map<string, string>();

  unitNames(): readonly string[] {
    return [...new Set([...this.scanned, ...this.open.values()])];
  }

  addOpen(uri: string, path: string): void {
    const name = path.split(/[\\/]/).pop() ?? "";
    if (detectKind(path) === "systemd" && !name.endsWith(".conf")) this.open.set(uri, name);
  }

  removeOpen(uri: string): void {
    this.open.delete(uri);
  }

  addNames(names: Iterable<string>): void {
    for (const n of names) this.scanned.add(n);
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
        } else if (detectKind(join(dir, e.name)) === "systemd" && !e.name.endsWith(".conf")) {
          this.scanned.add(e.name);
        }
      }
    };
    for (const root of roots) await walk(root, 0);
  }
}
