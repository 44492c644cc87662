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

export function problem(message: string, start?: number, end?: number): ValueProblem[] {
  return [{ message, start, end }];
}
