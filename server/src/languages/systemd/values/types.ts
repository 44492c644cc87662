import type { DirectiveInfo, ParserInfo, UnitType } from "../data.js";

/** A problem inside a value; offsets are into the value string (the whole value when absent). */
export interface ValueProblem {
  message: string;
  start?: number;
  end?: number;
}

export interface ValueContext {
  directive: DirectiveInfo;
  parser: ParserInfo | undefined;
  unitType: UnitType | undefined;
  /** The systemd version the unit targets (the newest known by default). */
  targetVersion: number;
}

/** Checks one value; returns nothing when systemd would accept it. */
export type ValueValidator = (value: string, ctx: ValueContext) => ValueProblem[];

export const ok: ValueProblem[] = [];

/**
 * A list value stops being checked after this many problems: a value of
 * thousands of wrong words gets a readable handful of diagnostics, and
 * checking it stays cheap.
 */
export const maxProblemsPerValue = 20;

export function problem(message: string, start?: number, end?: number): ValueProblem[] {
  return [{ message, start, end }];
}
