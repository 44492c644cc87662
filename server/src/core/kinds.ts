/**
 * The one table of file kinds. Everything that decides "what kind of file is
 * this" reads it: the CLI's file detection, the language server, deploy, the
 * VS Code client's document selector, and (checked by test/unit/kinds.test.ts)
 * the `contributes.languages` of package.json. Pure data and small functions:
 * the client bundle imports it, so it must not import the language engines.
 */

/** The file kinds Etcetera understands; the CLI's `--kind` takes these names. */
export type FileKind = "systemd" | "cron" | "netplan" | "logrotate";

export interface KindSpec {
  kind: FileKind;
  /** The editor language id (package.json `contributes.languages[].id`). */
  languageId: string;
  /** What the kind is, for messages ("cannot tell what kind ..."). */
  label: string;
  /** Base-name suffixes, as in the manifest's `extensions`. */
  extensions: readonly string[];
  /** Exact base names, as in the manifest's `filenames`. */
  filenames: readonly string[];
  /** Path globs (`**` any directories, `*` within one name), as in the manifest's `filenamePatterns`. */
  filenamePatterns: readonly string[];
  /**
   * A test on the content for files whose name is ambiguous; only consulted for
   * files the user names explicitly (never while walking a directory).
   */
  content?: {
    extensions: readonly string[];
    /** Path globs whose files are ambiguous too, whatever their suffix. */
    paths?: readonly string[];
    test: (text: string) => boolean;
  };
  /** Where deploy puts a file of this kind on a host (see server/src/remote/targets.ts). */
  deploy: string;
  /**
   * Whether the language formats its files (its `format`): the server registers "Format Document" for these
   * kinds before their language is loaded. Netplan's YAML keeps the user's YAML formatter.
   */
  formatted: boolean;
}

/** Whether the first line that is not blank or a comment opens a [Section] (a unit file or drop-in's shape). */
function startsWithUnitSection(text: string): boolean {
  for (const line of text.split("\n", 200)) {
    const t = line.trim();
    if (t === "" || t.startsWith("#") || t.startsWith(";")) continue;
    return t.startsWith("[") && t.endsWith("]") && t.length > 2;
  }
  return false;
}

export const unitTypes = ["service", "socket", "timer", "path", "mount", "automount", "swap", "target", "slice", "scope"] as const;

export const kindTable: readonly KindSpec[] = [
  {
    kind: "systemd",
    languageId: "systemd-unit",
    label: "systemd units and drop-ins (*.service, *.timer, ..., UNIT.d/*.conf)",
    extensions: unitTypes.map((t) => `.${t}`),
    filenames: [],
    // A drop-in of one unit (foo.service.d/) or of every unit of a type (service.d/).
    filenamePatterns: unitTypes.flatMap((t) => [`**/*.${t}.d/*.conf`, `**/${t}.d/*.conf`]),
    // A file in a drop-in directory without the .conf systemd needs (`foo.service.d/override`): named
    // explicitly, it is checked as systemd so that systemd/dropin-not-conf can say it is never read.
    content: { extensions: [], paths: unitTypes.flatMap((t) => [`**/*.${t}.d/*`, `**/${t}.d/*`]), test: startsWithUnitSection },
    deploy: "/etc/systemd/system (or UNIT.d/ for a drop-in); ~/.config/systemd/user in user scope",
    formatted: true,
  },
  {
    kind: "cron",
    languageId: "crontab",
    label: "crontabs (crontab, *.crontab, cron.d/*, /var/spool/cron/...)",
    extensions: [".crontab"],
    filenames: ["crontab"],
    filenamePatterns: ["**/cron.d/*", "**/etc/crontab", "**/var/spool/cron/crontabs/*", "**/var/spool/cron/*"],
    deploy: "/etc/crontab, /etc/cron.d, or the user's crontab (installed with crontab(1))",
    formatted: false,
  },
  {
    kind: "netplan",
    languageId: "netplan",
    label: "netplan YAML (netplan/*.yaml, or a YAML file whose root is network:)",
    extensions: [],
    filenames: [],
    filenamePatterns: ["**/netplan/*.yaml", "**/netplan/*.yml"],
    content: { extensions: [".yaml", ".yml"], test: (text) => /^network:/m.test(text) },
    deploy: "/etc/netplan",
    formatted: false,
  },
  {
    kind: "logrotate",
    languageId: "logrotate",
    label: "logrotate configs (logrotate.conf, logrotate.d/*)",
    extensions: [],
    filenames: ["logrotate.conf"],
    filenamePatterns: ["**/logrotate.d/*"],
    deploy: "/etc/logrotate.conf or /etc/logrotate.d",
    formatted: false,
  },
];

export const fileKinds: readonly FileKind[] = kindTable.map((k) => k.kind);

export function isFileKind(s: string): s is FileKind {
  return (fileKinds as readonly string[]).includes(s);
}

export function kindSpec(kind: FileKind): KindSpec {
  return kindTable.find((k) => k.kind === kind) as KindSpec;
}

/** The kind an editor language id stands for. */
export function kindOfLanguageId(languageId: string): FileKind | undefined {
  return kindTable.find((k) => k.languageId === languageId)?.kind;
}

/** Splits a path on both separators, keeping a backslash that is part of a name (`run-vmblock\x2dfuse.mount`) on POSIX. */
export function pathParts(path: string): string[] {
  return path.split(isWindowsPath(path) ? /[\\/]/ : "/");
}

/** The last name of a path (pathParts(path).pop(), without the array). */
export function pathName(path: string): string {
  return path.slice(lastSeparator(path) + 1);
}

/** The path without its last name, separators as '/' (pathParts(path).slice(0, -1).join("/"), without the arrays). */
export function pathDir(path: string): string {
  const i = lastSeparator(path);
  if (i < 0) return "";
  const dir = path.slice(0, i);
  return isWindowsPath(path) ? dir.replace(/\\/g, "/") : dir;
}

function lastSeparator(path: string): number {
  return isWindowsPath(path) ? Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) : path.lastIndexOf("/");
}

/** Only a path that looks like a Windows path (a drive letter, or a UNC share) splits on '\'. */
export function isWindowsPath(path: string): boolean {
  return /^[A-Za-z]:\\/.test(path) || path.startsWith("\\\\");
}

function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (glob.startsWith("**/", i)) {
      re += "(?:.*/)?";
      i += 2;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`(?:^|/)${re.replace(/^\(\?:\.\*\/\)\?/, "")}$`);
}

const compiled = kindTable.map((spec) => ({ spec, patterns: spec.filenamePatterns.map(globToRegExp) }));

/** Whether a path matches a glob of the table (exported for the manifest test and deploy). */
export function matchesGlob(path: string, glob: string): boolean {
  return globToRegExp(glob).test(pathParts(path).join("/"));
}

/** The kind a path's name says, by the table's extensions, file names and globs. */
export function kindOfPath(path: string): FileKind | undefined {
  const parts = pathParts(path);
  const name = parts[parts.length - 1] ?? "";
  const slashed = parts.join("/");
  for (const { spec, patterns } of compiled) {
    if (spec.extensions.some((e) => name.endsWith(e) && name.length > e.length)) return spec.kind;
    if (spec.filenames.includes(name)) return spec.kind;
    if (patterns.some((p) => p.test(slashed))) return spec.kind;
  }
  return undefined;
}

/** The kind of a file from its path, and, when the name says nothing, from its content. */
export function detectKind(path: string, text?: string): FileKind | undefined {
  const byPath = kindOfPath(path);
  if (byPath || text === undefined) return byPath;
  const name = pathParts(path).pop() ?? "";
  return kindTable.find((k) => contentDecides(k, path, name) && k.content?.test(text))?.kind;
}

function contentDecides(k: KindSpec, path: string, name = pathName(path)): boolean {
  if (!k.content) return false;
  if (k.content.extensions.some((e) => name.endsWith(e))) return true;
  const slashed = pathParts(path).join("/");
  return k.content.paths?.some((g) => globToRegExp(g).test(slashed)) ?? false;
}

/** Whether the content of a file the name says nothing about could still tell its kind (worth reading for detectKind). */
export function kindMayShowInContent(path: string): boolean {
  return kindOfPath(path) === undefined && kindTable.some((k) => contentDecides(k, path));
}

/** The list of kinds for the "cannot tell what kind" message. */
export function describeKinds(): string {
  return kindTable.map((k) => `${k.kind}: ${k.label}`).join("; ");
}
