import type { DirectiveInfo } from "./data.js";
import type { Entry } from "./parser.js";
import type { UnitCheckContext } from "./rule.js";
import { validateValue } from "./values/index.js";

/**
 * Whether %i and %I expand to nothing in this file: a unit whose name has no
 * '@' (nor a drop-in that applies to many units, foo-.service.d/ or service.d/).
 */
export function instanceIsEmpty(ctx: UnitCheckContext): boolean {
  const name = ctx.info.unitName;
  if (!name || name.includes("@") || ctx.info.isTemplate || ctx.info.isInstance) return false;
  return !name.slice(0, name.lastIndexOf(".")).endsWith("-");
}

/**
 * The user or group name User=/Group= reads once %i and %I expand to nothing,
 * when systemd refuses that name (and with it the unit: it checks the name
 * after expanding specifiers and treats a bad one as fatal).
 */
export function refusedUserAfterEmptyInstance(ctx: UnitCheckContext, entry: Entry, directive: DirectiveInfo): string | undefined {
  const expanded = withEmptyInstance(ctx, entry, directive, "config_parse_user_group_compat");
  if (expanded === undefined || (expanded !== "" && validateValue(directive, expanded, ctx.targetVersion, ctx.type).length === 0))
    return undefined;
  return expanded;
}

/**
 * The service a socket's Service= names once %i and %I expand to nothing, when that is a template without an
 * instance (echo@%i.service in echo.socket reads echo@.service): systemd cannot load it, ignores the line, and
 * the socket goes on looking for the service of its own name.
 */
export function templateAfterEmptyInstance(ctx: UnitCheckContext, entry: Entry, directive: DirectiveInfo): string | undefined {
  const expanded = withEmptyInstance(ctx, entry, directive, "config_parse_socket_service");
  return expanded !== undefined && /@\.service$/.test(expanded) ? expanded : undefined;
}

/** The value of a directive read by `parser` with %i and %I expanded to nothing, when it has them and they do here. */
function withEmptyInstance(ctx: UnitCheckContext, entry: Entry, directive: DirectiveInfo, parser: string): string | undefined {
  if (directive.parser !== parser || !/%[iI]/.test(entry.value) || !instanceIsEmpty(ctx)) return undefined;
  return entry.value.replaceAll(/%[iI]/g, "").trim();
}
