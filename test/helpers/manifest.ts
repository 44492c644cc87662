/**
 * package.json as VS Code shows it: every "%key%" string replaced by its text
 * from package.nls.json (the English bundle translators start from).
 */
import { readFileSync } from "node:fs";

export const rawManifest = (): unknown => JSON.parse(readFileSync("package.json", "utf8"));
export const nlsBundle = (): Record<string, string> => JSON.parse(readFileSync("package.nls.json", "utf8")) as Record<string, string>;

export function localizedManifest<T>(): T {
  const nls = nlsBundle();
  const resolve = (node: unknown): unknown => {
    if (typeof node === "string") {
      const key = /^%([\w.-]+)%$/.exec(node)?.[1];
      if (key === undefined) return node;
      const text = nls[key];
      if (text === undefined) throw new Error(`package.json refers to %${key}%, which package.nls.json lacks`);
      return text;
    }
    if (Array.isArray(node)) return node.map(resolve);
    if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v)]));
    return node;
  };
  return resolve(rawManifest()) as T;
}
