import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The drop-ins systemd applies to a unit from the directory the unit file is
 * in: `<unit>.d/`, for an instance its template's `<name>@.service.d/`, each
 * dash prefix's `<prefix>-.service.d/` and the type-wide `service.d/`, in
 * file-name order (a name that appears twice counts once, the first wins).
 */
export function dropInsBeside(unitPath: string, unitName: string): { path: string; text: string }[] {
  const dir = dirname(unitPath);
  const dot = unitName.lastIndexOf(".");
  const stem = unitName.slice(0, dot);
  const suffix = unitName.slice(dot);
  const dirs = [`${unitName}.d`];
  const at = stem.indexOf("@");
  if (at >= 0) dirs.push(`${stem.slice(0, at + 1)}${suffix}.d`);
  const base = at >= 0 ? stem.slice(0, at) : stem;
  for (let i = base.length - 1; i > 0; i--) if (base[i] === "-") dirs.push(`${base.slice(0, i + 1)}${suffix}.d`);
  dirs.push(`${suffix.slice(1)}.d`);
  const byName = new Map<string, string>();
  for (const d of dirs) {
    const full = join(dir, d);
    if (!existsSync(full) || !statSync(full).isDirectory()) continue;
    for (const f of readdirSync(full)) if (f.endsWith(".conf") && !byName.has(f)) byName.set(f, join(full, f));
  }
  return [...byName.keys()].sort().map((f) => {
    const path = byName.get(f) as string;
    let text = "";
    try {
      text = readFileSync(path, "utf8");
    } catch {
      // A drop-in linked to /dev/null or dangling contributes nothing, as for systemd.
    }
    return { path, text };
  });
}
