import {
  closeSync,
  constants,
  type Dirent,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  type Stats,
  statSync,
} from "node:fs";
import { dirname, isAbsolute, join, resolve, sep } from "node:path";
import { describeKinds, detectKind, kindMayShowInContent, kindOfPath } from "../core/kinds.js";
import type { FileKind } from "../core/language.js";

export interface InputFile {
  path: string;
  kind: FileKind;
}

export interface CollectResult {
  files: InputFile[];
  /** Problems that stop a file from being linted: reported, never skipped silently. */
  errors: string[];
}

const skipDirs = new Set(["node_modules", ".git", ".hg", ".svn"]);

/**
 * Expands PATH arguments: files are taken as given, directories are walked for files of a known kind.
 * Synchronous, like `readText`: a CLI has nothing else to do meanwhile, and a
 * thread-pool round trip per file cost more than the file system calls themselves.
 */
export function collectFiles(paths: string[], forcedKind?: FileKind): CollectResult {
  const files: InputFile[] = [];
  const errors: string[] = [];
  const walk = (dir: string, root: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push(`${dir}: cannot read directory: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (!skipDirs.has(e.name)) walk(full, root);
      } else if (e.isSymbolicLink() && linkTarget(full) === "/dev/null") {
        // A mask (a link to /dev/null) has no text to lint; the unit set reads it as a mask.
      } else if (e.isSymbolicLink() && pointsOutOfTree(full, root)) {
        // A link to an absolute path outside the walked tree names a file of the host, not of the
        // tree: an enablement or alias link of a live /etc into /lib (its unit's siblings, which the
        // cross-file rules would look for, are not in the tree), or a link in a copy of a host's
        // /etc or in a package (into /usr/lib/dracut) whose target the copy lacks. Naming the file
        // itself lints it; the unit set reads the link as a link.
      } else if (e.isFile() || e.isSymbolicLink()) {
        // Walking a directory goes by names only: a YAML file is not read to guess whether it is netplan.
        const kind = kindOfPath(full);
        if (kind && (!forcedKind || kind === forcedKind)) files.push({ path: full, kind });
      }
    }
  };
  for (const p of paths) {
    let info: Stats;
    try {
      info = statSync(p);
    } catch (e) {
      errors.push(`${p}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : String(e)}`);
      continue;
    }
    if (info.isDirectory()) walk(p, resolve(p));
    else {
      const kind = forcedKind ?? detectKind(p, contentHint(p));
      if (kind) files.push({ path: p, kind });
      else errors.push(`${p}: cannot tell what kind of file this is from its name or content; pass --kind with one of ${describeKinds()}`);
    }
  }
  return { files, errors };
}

/** The start of a file named on the command line, for the kinds whose name alone is ambiguous (a YAML file that may be netplan, a file without .conf in a drop-in directory). */
function contentHint(path: string): string | undefined {
  if (!kindMayShowInContent(path)) return undefined;
  const read = readText(path);
  return read.ok ? read.text.slice(0, 64 * 1024) : undefined;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8");

export type ReadResult = { ok: true; text: string; invalidUtf8: boolean; size: number } | { ok: false; reason: string };

/** Reads a file as text; binary content is refused, invalid UTF-8 is decoded with replacement characters that the parsers flag. */
export function readText(path: string): ReadResult {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // A FIFO or a device would block or never end: only regular files are read. Opened without blocking and
    // asked through the descriptor, so what is checked is what is read (a stat of the path first was one more
    // lookup per file, and the path could change in between).
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
    if (!fstatSync(fd).isFile()) return { ok: false, reason: "not a regular file" };
    bytes = readFileSync(fd);
  } catch (e) {
    return { ok: false, reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: "binary file (contains NUL bytes); not a text configuration file" };
  try {
    return { ok: true, text: strictUtf8.decode(bytes), invalidUtf8: false, size: bytes.length };
  } catch {
    return { ok: true, text: lenientUtf8.decode(bytes), invalidUtf8: true, size: bytes.length };
  }
}

/**
 * Whether a link, followed hop by hop (an enablement link to an alias, say), leaves the tree at
 * `root` (existing on this machine or not).
 */
function pointsOutOfTree(link: string, root: string): boolean {
  let path = link;
  for (let hop = 0; hop < 40; hop++) {
    const target = linkTarget(path);
    if (target === "") return false;
    const next = isAbsolute(target) ? target : join(dirname(path), target);
    if (!isUnder(resolve(next), root)) return true;
    try {
      if (!lstatSync(next).isSymbolicLink()) return false;
    } catch {
      // Dangling inside the tree: broken in the tree itself, and named when it is read.
      return false;
    }
    path = next;
  }
  return false;
}

const isUnder = (path: string, root: string) => path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);

function linkTarget(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return "";
  }
}
