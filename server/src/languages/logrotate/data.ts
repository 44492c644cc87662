import raw from "./data/logrotate-data.json";

/** Typed access to the generated table (see server/scripts/generate-logrotate-data.ts). */

export type ArgType =
  | "none"
  | "int"
  | "optional int"
  | "size"
  | "path"
  | "word"
  | "word list"
  | "mode owner group"
  | "owner group"
  | "script block";

export interface DirectiveInfo {
  name: string;
  argType: ArgType;
  detail?: string;
  /** `both`, `global` (rejected inside a log block), `per-log (doc)`, `inside script block`. */
  scope: string;
  manSection: string;
  firstRelease: string;
  /** Whether logrotate 3.21.0 (Debian 12) knows it. */
  inDebian12: boolean;
  /** The negating twin, or the other rotation criteria: the last one written wins. */
  partners: string[];
  notes?: string;
}

interface LogrotateData {
  source: string;
  directives: DirectiveInfo[];
}

const data = raw as unknown as LogrotateData;

export const dataSource = data.source;
export const directives: readonly DirectiveInfo[] = data.directives;
const byName = new Map(directives.map((d) => [d.name, d]));

export function directiveInfo(name: string): DirectiveInfo | undefined {
  return byName.get(name);
}

export const scriptDirectives = new Set(directives.filter((d) => d.argType === "script block").map((d) => d.name));

export const manPage = "https://man7.org/linux/man-pages/man8/logrotate.8.html";
