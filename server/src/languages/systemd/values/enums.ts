import { conditionInfo } from "../data.js";
import { hasSpecifier } from "./names.js";
import { pathValidator } from "./paths.js";
import { isIecSize, parseBoolean, parseInteger } from "./scalars.js";
import { ok, problem, type ValueContext, type ValueProblem, type ValueValidator } from "./types.js";

export function allowedValues(ctx: ValueContext): string[] {
  const p = ctx.parser;
  if (!p) return [];
  return ctx.targetVersion <= 252 && p.allowedV252?.length ? p.allowedV252 : p.allowed;
}

interface EnumOptions {
  booleans?: boolean;
  numbers?: [number, number];
  /** Prefixes such as `file:` that take a free argument. */
  prefixed?: string[];
  aliases?: string[];
  /** systemd looks the name up ignoring case (a gperf table built with %ignore-case). */
  ignoreCase?: boolean;
}

export function enumValidator(options: EnumOptions = {}): ValueValidator {
  return (value, ctx) => {
    if (value === "") return ok;
    const allowed = allowedValues(ctx);
    if (allowed.includes(value) || options.aliases?.includes(value)) return ok;
    if (options.ignoreCase && allowed.some((a) => a.toLowerCase() === value.toLowerCase())) return ok;
    if (options.booleans && parseBoolean(value) !== undefined) return ok;
    if (options.numbers) {
      const n = parseInteger(value);
      if (n !== undefined && n >= options.numbers[0] && n <= options.numbers[1]) return ok;
    }
    const prefix = options.prefixed?.find((p) => value.startsWith(p) && value.length > p.length);
    if (prefix) {
      const rest = value.slice(prefix.length);
      if (prefix === "fd:" || rest.startsWith("/") || hasSpecifier(rest.slice(0, 2))) return ok;
      return problem(`The path after '${prefix}' must be absolute: '${rest}'`, prefix.length, value.length);
    }
    if (hasSpecifier(value) && options.prefixed) return ok;
    return problem(`'${value}' is not a valid ${ctx.directive.name}= value; expected one of: ${allowed.join(", ")}`);
  };
}

const comparison = /^(<=|>=|!=|=|<|>)?\s*/;

const conditionChecks: Record<string, (v: string, ctx: ValueContext) => string | undefined> = {
  bool: (v) => (parseBoolean(v) === undefined ? `'${v}' is not a boolean` : undefined),
  allowedOrBool: (v, ctx) =>
    parseBoolean(v) !== undefined || allowedOf(ctx).includes(v)
      ? undefined
      : `'${v}' is not a known value; expected yes/no or one of: ${allowedOf(ctx).join(", ")}`,
  allowed: (v, ctx) =>
    allowedOf(ctx).includes(v) ? undefined : `'${v}' is not a known value; expected one of: ${allowedOf(ctx).join(", ")}`,
  allowedWords: (v, ctx) => {
    const bad = v.split(/\s+/).find((w) => !allowedOf(ctx).includes(w));
    return bad ? `'${bad}' is not a known value; expected: ${allowedOf(ctx).join(", ")}` : undefined;
  },
  capability: (v) => (/^(CAP_[A-Z_]+|\d+)$/i.test(v) ? undefined : `'${v}' is not a capability name such as CAP_NET_ADMIN`),
  cpus: (v) =>
    /^\d+$/.test(v.replace(comparison, "")) ? undefined : `'${v}' must be a CPU count, optionally after a comparison such as >=`,
  memory: (v) =>
    isIecSize(v.replace(comparison, "")) ? undefined : `'${v}' must be a memory size, optionally after a comparison such as >=`,
};

const conditionKinds: Record<string, keyof typeof conditionChecks> = {
  FirstBoot: "bool",
  ACPower: "bool",
  Virtualization: "allowedOrBool",
  Architecture: "allowed",
  Security: "allowed",
  ControlGroupController: "allowedWords",
  Capability: "capability",
  CPUs: "cpus",
  Memory: "memory",
};

function allowedOf(ctx: ValueContext): string[] {
  return conditionInfo(ctx.directive.name)?.allowed ?? [];
}

/** Strips the '|' (triggering) and '!' (negating) prefixes; returns the offset of the rest. */
export function stripConditionPrefixes(value: string): number {
  // systemd 252 takes the character after the prefixes as the start of the value: '| /etc/x' is not an absolute path.
  let i = 0;
  if (value[i] === "|") i++;
  if (value[i] === "!") i++;
  return i;
}

export const validateConditionString: ValueValidator = (value, ctx) => {
  if (value === "") return ok;
  const offset = stripConditionPrefixes(value);
  const rest = value.slice(offset);
  if (rest === "") return problem("The condition has prefixes but no value");
  if (hasSpecifier(rest)) return ok;
  const kind = conditionKinds[ctx.directive.name.replace(/^(Condition|Assert)/, "")];
  const reason = kind ? conditionChecks[kind]?.(rest, ctx) : undefined;
  return reason ? problem(reason, offset, value.length) : ok;
};

const absolutePath = pathValidator();

export const validateConditionPath: ValueValidator = (value, ctx): ValueProblem[] => {
  if (value === "") return ok;
  const offset = stripConditionPrefixes(value);
  const rest = value.slice(offset);
  if (rest === "") return problem("The condition has prefixes but no path");
  if (ctx.directive.name.endsWith("NeedsUpdate") && rest !== "/etc" && rest !== "/var" && !hasSpecifier(rest))
    return problem(`${ctx.directive.name}= takes /etc or /var`, offset, value.length);
  return absolutePath(rest, ctx).map((p) => ({ ...p, start: offset, end: value.length }));
};
