/**
 * The services of the Debian corpus (.cache/corpus/root/<package>/, fetched
 * by test/corpus/fetch-debian-units.sh), system and user units.
 */
import { existsSync, lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Scope } from "../../server/src/languages/systemd/security/types.js";

export const repo = fileURLToPath(new URL("../..", import.meta.url));
export const corpusCache = process.env.CORPUS_CACHE ?? join(repo, ".cache/corpus");
export const corpusRoot = join(corpusCache, "root");

const unitDirs: Record<Scope, string[]> = {
  system: ["etc/systemd/system", "lib/systemd/system", "usr/lib/systemd/system"],
  user: ["etc/systemd/user", "lib/systemd/user", "usr/lib/systemd/user"],
};

export interface CorpusService {
  /** `<package>/<path in package>`: the key of the recording. */
  key: string;
  pkg: string;
  scope: Scope;
  /** Absolute path of the unit directory and of the unit file. */
  dir: string;
  path: string;
  fileName: string;
}

export interface CorpusListing {
  services: CorpusService[];
  /** Symlinked service files (aliases or masks of another unit), not scored on their own. */
  symlinks: number;
  packages: number;
}

export function corpusServices(root = corpusRoot): CorpusListing {
  const services: CorpusService[] = [];
  let symlinks = 0;
  const packages = existsSync(root)
    ? readdirSync(root)
        .filter((p) => !p.startsWith("."))
        .sort()
    : [];
  for (const pkg of packages) {
    for (const scope of ["system", "user"] as Scope[]) {
      for (const rel of unitDirs[scope]) {
        const dir = join(root, pkg, rel);
        if (!existsSync(dir) || lstatSync(dir).isSymbolicLink()) continue;
        for (const fileName of readdirSync(dir).sort()) {
          if (!fileName.endsWith(".service")) continue;
          const path = join(dir, fileName);
          const st = lstatSync(path);
          if (st.isSymbolicLink()) symlinks++;
          if (!st.isFile()) continue;
          services.push({ key: `${pkg}/${rel}/${fileName}`, pkg, scope, dir, path, fileName });
        }
      }
    }
  }
  return { services, symlinks, packages: packages.length };
}
