import raw from "./data/cron-data.json";

/** Typed access to the generated table (see server/scripts/generate-cron-data.ts). */

export type { CronDialect as Dialect } from "../../core/settings.js";

import type { CronDialect as Dialect } from "../../core/settings.js";
export const dialects: readonly Dialect[] = ["debian", "cronie"];

export type FieldName = "minute" | "hour" | "day-of-month" | "month" | "day-of-week";

export interface FieldInfo {
  name: FieldName;
  min: number;
  max: number;
  names: string[];
}

export interface SpecialInfo {
  name: string;
  expansion?: string;
  meaning: string;
  dialects: Dialect[];
  cronParser: boolean;
}

export interface EnvInfo {
  name: string;
  meaning: string;
  dialects: Dialect[];
}

interface CronData {
  source: string;
  fields: FieldInfo[];
  specials: SpecialInfo[];
  env: EnvInfo[];
}

const data = raw as unknown as CronData;

export const dataSource = data.source;
export const fields: readonly FieldInfo[] = data.fields;
export const specials: readonly SpecialInfo[] = data.specials;
export const envVars: readonly EnvInfo[] = data.env;

export function specialInfo(name: string): SpecialInfo | undefined {
  return specials.find((s) => s.name === name);
}

export function envInfo(name: string): EnvInfo | undefined {
  return envVars.find((e) => e.name === name);
}

export const manPage = "https://manpages.debian.org/bookworm/cron/crontab.5.en.html";
