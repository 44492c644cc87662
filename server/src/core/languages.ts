import { cronLanguage } from "../languages/cron/index.js";
import { logrotateLanguage } from "../languages/logrotate/index.js";
import { netplanLanguage } from "../languages/netplan/index.js";
import { systemdLanguage } from "../languages/systemd/index.js";
import type { FileKind } from "./kinds.js";
import { fileKinds } from "./kinds.js";
import type { LanguageModule } from "./language.js";
import { registerLanguage } from "./registry.js";

/**
 * Every language, loaded at once: for the language server (which may be asked about any kind of
 * file at any moment, synchronously), and for tests and scripts. The CLI loads only the languages
 * of the files it is given (core/registry.ts).
 */
export const languages: Record<FileKind, LanguageModule<unknown>> = {
  systemd: systemdLanguage as LanguageModule<unknown>,
  cron: cronLanguage as LanguageModule<unknown>,
  netplan: netplanLanguage as LanguageModule<unknown>,
  logrotate: logrotateLanguage as LanguageModule<unknown>,
};

for (const kind of fileKinds) registerLanguage(kind, languages[kind]);

export function allRules() {
  return fileKinds.flatMap((k) => languages[k].rules);
}
