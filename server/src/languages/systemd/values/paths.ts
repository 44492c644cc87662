import { hasSpecifier } from "./names.js";
import { maxProblemsPerValue, ok, problem, type ValueProblem, type ValueValidator } from "./types.js";
import { splitWords } from "./words.js";

/** Specifiers that expand to absolute paths, so `%h/.config` is an absolute path. */
const absoluteSpecifiers = /^%[hStCLETVdyYG]/;

export function isAbsoluteLike(path: string): boolean {
  return path.startsWith("/") || absoluteSpecifiers.test(path) || (path.startsWith("%") && hasSpecifier(path.slice(0, 2)));
}

function pathProblem(path: string, what = "path"): string | undefined {
  if (isAbsoluteLike(path)) return undefined;
  return `'${path}' is not an absolute ${what}; it must start with '/'`;
}

/** One absolute path, with the prefixes a parser allows stripped first. */
export function pathValidator(options: { prefixes?: string; allowHome?: boolean; allowRelative?: boolean } = {}): ValueValidator {
  return (value) => {
    if (value === "") return ok;
    let p = value;
    while (options.prefixes && p.length > 0 && options.prefixes.includes(p[0] as string)) p = p.slice(1);
    // Only '~' alone means the home directory; '~/x' is a relative path systemd ignores.
    if (options.allowHome && p === "~") return ok;
    if (options.allowRelative) return ok;
    const reason = pathProblem(p);
    return reason ? problem(reason) : ok;
  };
}

/** Whitespace-separated absolute paths (quotes allowed), each with optional prefixes. */
export function pathListValidator(options: { prefixes?: string; separators?: string } = {}): ValueValidator {
  return (value) => {
    const split = splitWords(value, { separators: options.separators });
    if (!split.ok) return problem(split.reason, split.offset);
    const out: ValueProblem[] = [];
    for (const w of split.words) {
      if (out.length >= maxProblemsPerValue) break;
      let p = w.text;
      while (options.prefixes && p.length > 0 && options.prefixes.includes(p[0] as string)) p = p.slice(1);
      const reason = pathProblem(p);
      if (reason) out.push({ message: reason, start: w.start, end: w.end });
    }
    return out;
  };
}

/** BindPaths=, TemporaryFileSystem=, MountImages=: SOURCE[:DEST[:OPTIONS]] entries whose first path must be absolute. */
export function mountListValidator(prefixes = "-"): ValueValidator {
  return (value) => {
    const split = splitWords(value, { unescape: false });
    if (!split.ok) return problem(split.reason, split.offset);
    const out: ValueProblem[] = [];
    for (const w of split.words) {
      if (out.length >= maxProblemsPerValue) break;
      let source = w.text.split(/(?<!\\):/)[0] ?? "";
      while (source.length > 0 && prefixes.includes(source[0] as string)) source = source.slice(1);
      const reason = pathProblem(source);
      if (reason) out.push({ message: reason, start: w.start, end: w.end });
    }
    return out;
  };
}

/** StateDirectory= and friends: relative paths below the base directory, never absolute, no '..'. */
export const validateExecDirectories: ValueValidator = (value) => {
  const split = splitWords(value);
  if (!split.ok) return problem(split.reason, split.offset);
  const out: ValueProblem[] = [];
  for (const w of split.words) {
    if (out.length >= maxProblemsPerValue) break;
    const [source] = w.text.split(":");
    const s = source ?? "";
    if (s.startsWith("/"))
      out.push({
        message: `'${s}' must be relative to the directory type's base (e.g. 'myapp', not '/var/lib/myapp')`,
        start: w.start,
        end: w.end,
      });
    else if (s.split("/").includes("..")) out.push({ message: `'${s}' must not contain '..'`, start: w.start, end: w.end });
  }
  return out;
};

export const validateWorkingDirectory = pathValidator({ prefixes: "-", allowHome: true });
