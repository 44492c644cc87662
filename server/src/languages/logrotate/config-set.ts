import type { LogrotateVersion } from "../../core/settings.js";
import type { Range } from "../../core/text.js";
import { type LogrotateFile, parseLogrotate } from "./parser.js";

/**
 * logrotate reads logrotate.conf and, at its `include` line, every file of
 * the included directory in sorted order, except files whose names match a
 * taboo pattern (the default list, changed by `tabooext`/`taboopat` in the
 * lines read before). This module rebuilds that reading order from the
 * configs the workspace knows, so that a log path claimed twice across files
 * can be found where logrotate finds it: in the file read second.
 */

/** The default taboo extensions of config.c (3.22.0 adds .new, .old and .orig). */
export function defaultTaboo(version: LogrotateVersion): string[] {
  const exts = [",v", ".bak", ".cfsaved", ".disabled", ".dpkg-bak", ".dpkg-del", ".dpkg-dist", ".dpkg-new", ".dpkg-old"];
  exts.push(".dpkg-tmp", ".rhn-cfg-tmp-*", ".rpmnew", ".rpmorig", ".rpmsave", ".swp", ".ucf-dist", ".ucf-new", ".ucf-old", "~");
  if (version !== "3.21.0") exts.push(".new", ".old", ".orig");
  return exts.map((e) => `*${e}`);
}

/** fnmatch() without flags but FNM_PERIOD: '*', '?' and '[...]' classes; a leading '.' must be matched literally. */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) re += "\\[";
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith("!")) body = `^${body.slice(1)}`;
        re += `[${body.replace(/\\/g, "\\\\")}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

export function isGlob(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/** Whether logrotate skips a file of an included directory by this name. */
export function isTaboo(name: string, patterns: readonly string[]): string | undefined {
  if (name === "." || name === "..") return name;
  for (const p of patterns) {
    const re = globToRegExp(p);
    if (re.test(name) && !(name.startsWith(".") && !p.startsWith("."))) return p;
  }
  return undefined;
}

/** Applies the `tabooext`/`taboopat` lines of a file's global section to a taboo list (without '+' they replace it). */
export function applyTaboo(file: LogrotateFile, list: string[], beforeLine = Number.POSITIVE_INFINITY): string[] {
  let out = [...list];
  for (const d of file.directives) {
    if (d.block || d.line >= beforeLine || (d.name.text !== "tabooext" && d.name.text !== "taboopat") || !d.value) continue;
    let v = d.value.text;
    if (v.startsWith("+")) v = v.slice(1);
    else out = [];
    const words = v.split(/[\s,]+/).filter(Boolean);
    out.push(...words.map((w) => (d.name.text === "tabooext" ? `*${w}` : w)));
  }
  return out;
}

export interface Claim {
  /** The path as logrotate compares it (quotes removed). */
  path: string;
  file: string;
  range: Range;
  line: number;
  /** Whether the path is a glob pattern (compared by its text). */
  glob: boolean;
}

/**
 * The paths a file's blocks name that collide whatever the host holds, in order: literal paths, and glob patterns by
 * their text (the same pattern expands to the same files, or, matching none, stays itself: logrotate 3.21 then reports
 * the pattern as the duplicate). Different globs that may match the same file depend on the host and are left out.
 */
export function certainClaims(path: string, file: LogrotateFile): Claim[] {
  const out: Claim[] = [];
  for (const b of file.blocks) {
    if (b.directives.some((d) => d.name.text === "ignoreduplicates")) continue;
    for (const p of b.patterns) out.push({ path: p.text, file: path, range: p.range, line: p.range.start.line, glob: isGlob(p.text) });
  }
  return out;
}

const dirOf = (p: string) => p.replace(/\/[^/]*$/, "") || "/";
const baseOf = (p: string) => p.split("/").pop() ?? p;

export interface ReadingOrder {
  /** Files read before the current one (each with its text parsed), in logrotate's order. */
  before: { path: string; file: LogrotateFile }[];
  /** Set when logrotate never reads the current file: the taboo pattern its name matches. */
  skippedBy?: string;
  /** The taboo list in force when the directory is read. */
  taboo: string[];
}

/**
 * The files logrotate reads before `path`: for a file of a logrotate.d
 * directory, logrotate.conf beside that directory (the lines up to its
 * include) and the directory's files that sort before it and are not taboo.
 */
export function readingOrder(path: string, configs: readonly { path: string; text: string }[], version: LogrotateVersion): ReadingOrder {
  const dir = dirOf(path);
  let taboo = defaultTaboo(version);
  const before: { path: string; file: LogrotateFile }[] = [];
  if (baseOf(dir) !== "logrotate.d") return { before, taboo };
  const confPath = `${dirOf(dir)}/logrotate.conf`;
  const conf = configs.find((c) => c.path === confPath);
  if (conf) {
    const file = parseLogrotate(conf.text);
    const include = file.directives.find((d) => d.name.text === "include" && !d.block && baseOf(d.value?.text ?? "") === "logrotate.d");
    taboo = applyTaboo(file, taboo, include?.line);
    before.push({ path: confPath, file: include ? truncated(file, include.line) : file });
  }
  const skippedBy = isTaboo(baseOf(path), taboo);
  const siblings = configs
    .filter((c) => c.path !== path && dirOf(c.path) === dir && !isTaboo(baseOf(c.path), taboo))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const s of siblings) if (s.path < path) before.push({ path: s.path, file: parseLogrotate(s.text) });
  return { before, taboo, ...(skippedBy ? { skippedBy } : {}) };
}

/** A parsed file with only the blocks that start before a line (what logrotate has read at an include). */
function truncated(file: LogrotateFile, line: number): LogrotateFile {
  return { ...file, blocks: file.blocks.filter((b) => b.startLine < line) };
}

/**
 * The directive of a family (`compress`/`nocompress`, ...) that logrotate.conf leaves in force for the
 * files of logrotate.d: the last one of its global section before the include, when the workspace has it.
 */
export function inheritedFromConf(
  path: string,
  configs: readonly { path: string; text: string }[],
  version: LogrotateVersion,
  family: readonly string[],
): string | undefined {
  const conf = readingOrder(path, configs, version).before.find((b) => b.path.endsWith("/logrotate.conf"));
  if (!conf) return undefined;
  const include = conf.file.directives.find((d) => d.name.text === "include" && !d.block);
  const globals = conf.file.directives.filter((d) => !d.block && (!include || d.line < include.line) && family.includes(d.name.text));
  return globals[globals.length - 1]?.name.text;
}
