import { cronLanguage } from "../languages/cron/index.js";
import { logrotateLanguage } from "../languages/logrotate/index.js";
import { netplanLanguage } from "../languages/netplan/index.js";
import { systemdLanguage } from "../languages/systemd/index.js";
import type { FileKind, LanguageModule } from "./language.js";

/** Every language Etcetera knows. Adding one means adding it here and to detectKind(), nothing else. */
export const languages: Record<FileKind, LanguageModule<unknown>> = {
  systemd: systemdLanguage as LanguageModule<unknown>,
  cron: cronLanguage as LanguageModule<unknown>,
  netplan: netplanLanguage as LanguageModule<unknown>,
  logrotate: logrotateLanguage as LanguageModule<unknown>,
};

export const fileKinds = Object.keys(languages) as FileKind[];

export function isFileKind(s: string): s is FileKind {
  return (fileKinds as string[]).includes(s);
}

const unitSuffix = /\.(service|socket|timer|path|mount|automount|swap|target|slice|scope)$/;
const dropInDir = /(^|\.)(service|socket|timer|path|mount|automount|swap|target|slice|scope)\.d$/;

/** Detects a file's kind from its path (and, for ambiguous names, its content). */
export function detectKind(path: string, _text?: string): FileKind | undefined {
  const parts = path.split(/[\\/]/);
  const name = parts[parts.length - 1] ?? "";
  const parent = parts[parts.length - 2] ?? "";
  if (unitSuffix.test(name)) return "systemd";
  if (name.endsWith(".conf") && dropInDir.test(parent)) return "systemd";
  if (name === "crontab" || name.endsWith(".crontab") || parent === "cron.d") return "cron";
  if (/\.ya?ml$/.test(name) && parent === "netplan") return "netplan";
  if (name === "logrotate.conf" || parent === "logrotate.d") return "logrotate";
  return undefined;
}

export function allRules() {
  return fileKinds.flatMap((k) => languages[k].rules);
}
