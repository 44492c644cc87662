import { specifiers } from "./data.js";

const known = new Map(specifiers.map((s) => [s.specifier, s]));

export interface UnknownSpecifier {
  specifier: string;
  offset: number;
}

/** Specifiers in a value that the target systemd version cannot expand (it then rejects the value). */
export function unknownSpecifiers(value: string, targetVersion: number): UnknownSpecifier[] {
  const out: UnknownSpecifier[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== "%") continue;
    // systemd looks up only a letter or digit after '%'; any other character (or none) keeps the '%' as it is.
    if (!/[A-Za-z0-9%]/.test(value[i + 1] ?? "")) continue;
    const spec = value.slice(i, i + 2);
    const info = known.get(spec);
    if (!info || (targetVersion <= 252 && !info.inV252)) out.push({ specifier: spec, offset: i });
    i++;
  }
  return out;
}

export function specifierMeaning(spec: string): string | undefined {
  return known.get(spec)?.meaning;
}
