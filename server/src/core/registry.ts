import type { RuleMeta } from "./diagnostic.js";
import { type FileKind, fileKinds } from "./kinds.js";
import type { LanguageModule } from "./language.js";

/**
 * Every language Etcetera knows, loaded on demand: each is a chunk of the bundle of its own
 * (netplan brings a YAML parser and 300 KB of schema, cron a date library), so a lint of one
 * unit file loads the systemd language only. Adding a language means adding it here and a row
 * to the kinds table (core/kinds.ts). The language server loads a language when the first document
 * of its kind opens; core/languages.ts loads them all at once (deploy, tests, scripts).
 */
const loaders: Record<FileKind, () => Promise<LanguageModule<unknown>>> = {
  systemd: async () => (await import("../languages/systemd/index.js")).systemdLanguage as LanguageModule<unknown>,
  cron: async () => (await import("../languages/cron/index.js")).cronLanguage as LanguageModule<unknown>,
  netplan: async () => (await import("../languages/netplan/index.js")).netplanLanguage as LanguageModule<unknown>,
  logrotate: async () => (await import("../languages/logrotate/index.js")).logrotateLanguage as LanguageModule<unknown>,
};

const loaded = new Map<FileKind, LanguageModule<unknown>>();

/** Makes a language available to languageOf() without a dynamic import (core/languages.ts imports them all statically). */
export function registerLanguage(kind: FileKind, language: LanguageModule<unknown>): void {
  loaded.set(kind, language);
}

/** Loads the languages of these kinds (all by default); languageOf() answers for them afterwards. */
export async function loadLanguages(kinds: Iterable<FileKind> = fileKinds): Promise<void> {
  await Promise.all(
    [...new Set(kinds)].map(async (kind) => {
      if (!loaded.has(kind)) loaded.set(kind, await loaders[kind]());
    }),
  );
}

/** The language of a kind, which must have been loaded (loadLanguages, or an import of core/languages.ts). */
export function languageOf(kind: FileKind): LanguageModule<unknown> {
  const language = loaded.get(kind);
  if (!language) throw new Error(`the ${kind} language is not loaded: await loadLanguages() before analyzing a ${kind} file`);
  return language;
}

/** The language of a kind if it is loaded: the server loads each when the first document of its kind opens. */
export function loadedLanguageOf(kind: FileKind): LanguageModule<unknown> | undefined {
  return loaded.get(kind);
}

/** The rules of every language (loading them all). */
export async function loadAllRules(): Promise<RuleMeta[]> {
  await loadLanguages();
  return fileKinds.flatMap((k) => languageOf(k).rules);
}

export { detectKind, fileKinds, isFileKind } from "./kinds.js";
