import { validateUnitName } from "../unit-name.js";
import { maxProblemsPerValue, ok, problem, type ValueProblem, type ValueValidator } from "./types.js";
import { splitWords } from "./words.js";

/** Replaces %X specifiers by a neutral character so that name rules apply to the rest. */
export function withoutSpecifiers(s: string): string {
  return s.replace(/%./g, "x");
}

export const hasSpecifier = (s: string) => /%[^%]/.test(s);

/**
 * The name as far as it can be judged before expansion. systemd expands the
 * specifiers first (unit_name_printf()) and then checks the result, so a
 * specifier after the last '.' may supply the type suffix itself:
 * `OnFailure=notify@%n` names notify@foo.service.
 */
function judgeableName(name: string): string {
  let last = -1;
  for (const m of name.matchAll(/%[^%]/g)) last = m.index ?? last;
  if (last < 0 || last < name.lastIndexOf(".")) return withoutSpecifiers(name);
  return `${withoutSpecifiers(name.slice(0, last))}x.service${withoutSpecifiers(name.slice(last + 2))}`;
}

export function validateUnitNameValue(name: string, suffix?: string): string | undefined {
  const plain = judgeableName(name);
  const reason = validateUnitName(plain);
  if (reason) return reason;
  if (suffix && !plain.endsWith(suffix) && !hasSpecifier(name)) return `'${name}' must be a ${suffix} unit`;
  return undefined;
}

/**
 * The legacy Alias= form `TARGET.wants/NAME` (or `.requires/`), which
 * `systemctl enable` turns into a dependency symlink (Debian's razerd.service
 * has Alias=multi-user.target.wants/razerd.service): why it is wrong, or
 * undefined when it is right; null when the word is not of that form.
 */
function legacyAliasProblem(word: string): string | undefined | null {
  const m = /^([^/]+)\.(wants|requires)\/([^/]+)$/.exec(word);
  if (!m) return null;
  return validateUnitNameValue(m[1] as string) ?? validateUnitNameValue(m[3] as string);
}

export function unitListValidator(suffix?: string, options: { legacyAlias?: boolean } = {}): ValueValidator {
  return (value) => {
    const split = splitWords(value);
    if (!split.ok) return problem(split.reason, split.offset);
    const out: ValueProblem[] = [];
    for (const w of split.words) {
      if (out.length >= maxProblemsPerValue) break;
      const legacy = options.legacyAlias ? legacyAliasProblem(w.text) : null;
      const reason = legacy === null ? validateUnitNameValue(w.text, suffix) : legacy;
      if (reason)
        out.push({
          message: `${reason}${w.text.includes(",") ? "; separate unit names with spaces, not commas" : ""}`,
          start: w.start,
          end: w.end,
        });
    }
    return out;
  };
}

export function singleUnitValidator(suffix?: string, options: { socketService?: boolean } = {}): ValueValidator {
  return (value) => {
    if (value === "") return ok;
    const reason = validateUnitNameValue(value, suffix);
    if (reason) return problem(reason);
    // A socket's Service= loads the unit at once: a template without an instance cannot be loaded
    // ("Failed to load unit echo@.service, ignoring"), so the socket keeps activating NAME.service.
    if (options.socketService && !hasSpecifier(value) && /@\.[^.@]+$/.test(value))
      return problem(`'${value}' is a template without an instance; systemd cannot load it and ignores the setting`);
    return ok;
  };
}

/** User and group names in the relaxed form systemd accepts, or a numeric ID. */
export function userGroupProblem(name: string): string | undefined {
  if (hasSpecifier(name)) return undefined;
  if (/^\d+$/.test(name)) {
    const id = Number(name);
    if (id > 4294967294 || id === 65535) return `${name} is not a valid user/group ID (65535 and 4294967295 are reserved)`;
    return undefined;
  }
  if (/[:/]/.test(name)) return `user/group name '${name}' must not contain ':' or '/'`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
  if (/[\x00-\x1f\x7f]/.test(name)) return `user/group name '${name}' must not contain control characters`;
  if (name === "." || name === "..") return `'${name}' is not a user/group name`;
  // Someone writing -1 for "nobody": systemd refuses '-' followed by digits only (and '-' alone).
  if (/^-\d*$/.test(name)) return `'${name}' is not a user/group name (a '-' followed only by digits is refused)`;
  return undefined;
}

export const validateUser: ValueValidator = (value) => {
  if (value === "") return ok;
  const reason = userGroupProblem(value);
  return reason ? problem(`${reason}. systemd checks the name when it loads the unit and refuses the unit.`) : ok;
};

export const validateUserList: ValueValidator = (value) => {
  const split = splitWords(value);
  if (!split.ok) return problem(split.reason, split.offset);
  const out: ValueProblem[] = [];
  for (const w of split.words) {
    if (out.length >= maxProblemsPerValue) break;
    const reason = userGroupProblem(w.text);
    if (reason) out.push({ message: reason, start: w.start, end: w.end });
  }
  return out;
};

export const envNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const validateEnvironment: ValueValidator = (value) => {
  const split = splitWords(value);
  if (!split.ok) return problem(split.reason, split.offset);
  const out: ValueProblem[] = [];
  for (const w of split.words) {
    if (out.length >= maxProblemsPerValue) break;
    const eq = w.text.indexOf("=");
    const name = eq < 0 ? w.text : w.text.slice(0, eq);
    if (eq < 0) out.push({ message: `'${w.text}' is not an assignment; write NAME=value`, start: w.start, end: w.end });
    else if (!envNamePattern.test(withoutSpecifiers(name)))
      out.push({
        message: `'${name}' is not a valid environment variable name (letters, digits and _, not starting with a digit)`,
        start: w.start,
        end: w.end,
      });
  }
  return out;
};

export function envNamesValidator(allowAssignments: boolean): ValueValidator {
  return (value) => {
    const split = splitWords(value);
    if (!split.ok) return problem(split.reason, split.offset);
    const out: ValueProblem[] = [];
    for (const w of split.words) {
      if (out.length >= maxProblemsPerValue) break;
      const name = allowAssignments && w.text.includes("=") ? w.text.slice(0, w.text.indexOf("=")) : w.text;
      if (!envNamePattern.test(withoutSpecifiers(name)))
        out.push({ message: `'${w.text}' is not a valid environment variable name`, start: w.start, end: w.end });
    }
    return out;
  };
}

export const validateBusName: ValueValidator = (value) => {
  if (value === "" || hasSpecifier(value)) return ok;
  const parts = value.split(".");
  const valid = value.length <= 255 && parts.length >= 2 && parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p)) && !/^\d/.test(value);
  return valid ? ok : problem(`'${value}' is not a D-Bus well-known name; write e.g. org.example.Daemon`);
};

export const validateFdName: ValueValidator = (value) => {
  if (value === "") return ok;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
  if (value.length > 255 || /[:\x00-\x1f\x7f-\uffff]/.test(value))
    return problem(`'${value}' is not a file descriptor name: up to 255 printable ASCII characters, no ':'`);
  return ok;
};

export const validateInterfaceName: ValueValidator = (value) => {
  if (value === "" || value === "*" || hasSpecifier(value)) return ok;
  if (value.length > 15 || /[\s/:%]/.test(value) || value === "." || value === "..")
    return problem(`'${value}' is not a network interface name (at most 15 characters, no '/', ':' or spaces)`);
  return ok;
};

export const validateInterfaceList: ValueValidator = (value, ctx) => {
  const body = value.startsWith("~") ? value.slice(1) : value;
  // systemd 252 takes kernel names only (15 characters); later versions also take alternative names (127).
  const longest = ctx.targetVersion <= 252 ? 15 : 127;
  const out: ValueProblem[] = [];
  for (const m of body.matchAll(/\S+/g)) {
    if (out.length >= maxProblemsPerValue) break;
    const name = m[0];
    if (name.length > longest || /[/:]/.test(name))
      out.push({
        message: `'${name}' is not a network interface name`,
        start: (m.index ?? 0) + value.length - body.length,
        end: (m.index ?? 0) + value.length - body.length + name.length,
      });
  }
  return out;
};

export function hasProblems(list: ValueProblem[]): boolean {
  return list.length > 0;
}
