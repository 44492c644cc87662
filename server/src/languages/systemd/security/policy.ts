/**
 * `--security-policy FILE`: systemd's JSON object keyed by json_field, each
 * entry optionally changing weight and range (unsigned integers) and the
 * good/bad/n.a. descriptions. Entries of the wrong shape are ignored, as
 * systemd ignores them.
 */
export interface PolicyEntry {
  weight?: number;
  range?: number;
  description_good?: string;
  description_bad?: string;
  description_na?: string;
}

export type SecurityPolicy = Record<string, PolicyEntry>;

export function parsePolicy(text: string): { policy: SecurityPolicy } | { error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { error: `not valid JSON: ${(e as Error).message}` };
  }
  const policy: SecurityPolicy = {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { policy };
  for (const [id, item] of Object.entries(raw)) {
    if (typeof item !== "object" || item === null || Array.isArray(item)) continue;
    const entry: PolicyEntry = {};
    const o = item as Record<string, unknown>;
    const unsigned = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0;
    if (unsigned(o.weight)) entry.weight = o.weight as number;
    if (unsigned(o.range) && (o.range as number) > 0) entry.range = o.range as number;
    for (const k of ["description_good", "description_bad", "description_na"] as const)
      if (typeof o[k] === "string") entry[k] = o[k] as string;
    policy[id] = entry;
  }
  return { policy };
}
