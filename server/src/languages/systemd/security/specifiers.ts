/**
 * Expands the specifiers systemd resolves in User= from the unit name
 * (%n %N %p %P %i %I %j %J) and the manager's own user (%u %U %g %G, as
 * `systemd-analyze security --offline` run by root sees them). Returns
 * undefined for a value ending in a lone '%', which systemd rejects.
 */
export function expandSpecifiers(value: string, unitName: string): string | undefined {
  const dot = unitName.lastIndexOf(".");
  const full = dot > 0 ? unitName.slice(0, dot) : unitName;
  const at = full.indexOf("@");
  const prefix = at >= 0 ? full.slice(0, at) : full;
  const instance = at >= 0 ? full.slice(at + 1) : "";
  const dash = prefix.lastIndexOf("-");
  const last = dash >= 0 ? prefix.slice(dash + 1) : prefix;
  // The manager's user: root for the system manager, and for --user the user running the check (root as well).
  const manager = { u: "root", U: "0", g: "root", G: "0" };
  const table: Record<string, string> = {
    "%": "%",
    n: unitName,
    N: full,
    p: prefix,
    P: unescapeUnitName(prefix),
    i: instance,
    I: unescapeUnitName(instance),
    j: last,
    J: unescapeUnitName(last),
    ...manager,
  };
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c !== "%") {
      out += c;
      continue;
    }
    const next = value[i + 1];
    if (next === undefined) return undefined;
    // Host-dependent specifiers (%H, %m, ...) stay as they are: some name, and never root.
    out += table[next] ?? `%${next}`;
    i++;
  }
  return out;
}

/** systemd's unit_name_unescape(): `-` becomes `/`, `\xNN` the byte it names. */
export function unescapeUnitName(s: string): string {
  return s.replace(/\\x([0-9a-fA-F]{2})|-/g, (m, hex: string | undefined) =>
    hex ? String.fromCharCode(Number.parseInt(hex, 16)) : m === "-" ? "/" : m,
  );
}
