import { detached, GenerationalCache } from "../../../core/memo.js";
import { ok, problem, type ValueProblem, type ValueValidator } from "./types.js";
import { splitWords, type Word } from "./words.js";

/**
 * Exec command lines (config_parse_exec): optional prefixes `@ - : + ! !!`,
 * each at most once, then an absolute path or a plain executable name, then
 * arguments; a lone `;` word separates several commands.
 */

export interface ExecCommand {
  prefixes: string;
  executable: Word;
  args: Word[];
}

export type ExecParse = { ok: true; commands: ExecCommand[] } | { ok: false; problems: ValueProblem[] };

function splitPrefixes(word: string): { prefixes: string; rest: string } {
  let ignoreFailure = false;
  let argv0 = false;
  let noEnv = false;
  let privileged = false;
  let noSetuid = false;
  let ambient = false;
  let i = 0;
  for (; i < word.length; i++) {
    const c = word[i];
    if (c === "-" && !ignoreFailure) ignoreFailure = true;
    else if (c === "@" && !argv0) argv0 = true;
    else if (c === ":" && !noEnv) noEnv = true;
    else if (c === "+" && !privileged && !noSetuid && !ambient) privileged = true;
    else if (c === "!" && !privileged && !noSetuid && !ambient) noSetuid = true;
    else if (c === "!" && !privileged && !ambient) {
      noSetuid = false;
      ambient = true;
    } else if (c === "|" && i === 0) continue;
    else break;
  }
  return { prefixes: word.slice(0, i), rest: word.slice(i) };
}

const execParses = new GenerationalCache<ExecParse>();

/** A command line as systemd splits it; kept by value (several rules ask for each line on every check) and shared: callers must not change it. */
export function parseExecValue(value: string): ExecParse {
  let parsed = execParses.get(value);
  if (!parsed) {
    const own = detached(value);
    parsed = parseExec(own);
    execParses.set(own, parsed);
  }
  return parsed;
}

function parseExec(value: string): ExecParse {
  const split = splitWords(value);
  if (!split.ok) return { ok: false, problems: problem(split.reason, split.offset) };
  const commands: ExecCommand[] = [];
  const problems: ValueProblem[] = [];
  let current: Word[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const first = current[0] as Word;
    const { prefixes, rest } = splitPrefixes(first.text);
    const offset = first.raw.length - first.text.length >= 0 ? prefixes.length : 0;
    let executable: Word = { text: rest, raw: first.raw.slice(offset), start: first.start + offset, end: first.end };
    let args = current.slice(1);
    if (prefixes.includes("@")) {
      const argv0 = args[0];
      if (!argv0) {
        problems.push({
          message: "With the '@' prefix, the executable must be followed by the argv[0] to pass",
          start: first.start,
          end: first.end,
        });
        current = [];
        return;
      }
      args = args.slice(1);
    }
    if (rest === "") {
      problems.push({ message: "The command has prefixes but no executable", start: first.start, end: first.end });
    } else {
      const reason = executableProblem(rest);
      if (reason) problems.push({ message: reason, start: executable.start, end: executable.end });
    }
    executable = { ...executable, text: rest };
    commands.push({ prefixes, executable, args });
    current = [];
  };
  for (const w of split.words) {
    if (w.raw === ";") flush();
    else current.push(w);
  }
  flush();
  return problems.length > 0 ? { ok: false, problems } : { ok: true, commands };
}

function executableProblem(path: string): string | undefined {
  if (/%[^%]/.test(path.slice(0, 2))) return undefined;
  if (path.startsWith("/")) {
    if (path.endsWith("/")) return `'${path}' names a directory, not an executable`;
    if (path.split("/").some((part) => part === "." || part === ".."))
      return `Executable path '${path}' is not normalized (no '.' or '..' components)`;
    return undefined;
  }
  if (path.includes("/"))
    return `'${path}' is neither an absolute path nor a plain executable name; write the full path, e.g. /usr/bin/${path.split("/").pop()}`;
  if (path === "." || path === "..") return `'${path}' is not an executable`;
  return undefined;
}

export const validateExec: ValueValidator = (value) => {
  if (value === "") return ok;
  const parsed = parseExecValue(value);
  return parsed.ok ? ok : parsed.problems;
};
