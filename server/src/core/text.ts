/** Positions are 0-based, in UTF-16 code units, like the LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export function range(line: number, start: number, end: number, endLine = line): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

export function containsPosition(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return !(comparePositions(a.end, b.start) < 0 || comparePositions(b.end, a.start) < 0);
}

export function comparePositions(a: Position, b: Position): number {
  return a.line === b.line ? a.character - b.character : a.line - b.line;
}

/** Splits text into lines on \n, \r\n and lone \r, keeping no terminators. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Offsets where the editor's lines start (\r\n, \r and \n all end a line, as in the LSP). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10) starts.push(i + 1);
  }
  return starts;
}

export interface OffsetMap {
  positionAt(offset: number): Position;
  /** Clamped into the text. */
  offsetAt(position: Position): number;
}

/** Converts between text offsets and positions, given the line starts of the text. */
export function offsetMap(text: string, starts: number[]): OffsetMap {
  return {
    positionAt(offset) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] as number) <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo, character: offset - (starts[lo] as number) };
    },
    offsetAt(p) {
      const start = starts[Math.min(Math.max(p.line, 0), starts.length - 1)] ?? 0;
      return Math.min(start + Math.max(p.character, 0), text.length);
    },
  };
}

/**
 * The longest end of `s` whose characters all pass `test`. A loop, not
 * `/[…]*$/`: an unanchored pattern that must reach the end is retried from
 * every position and takes quadratic time on a long line.
 */
export function tailWhile(s: string, test: (c: string) => boolean): string {
  let i = s.length;
  while (i > 0 && test(s[i - 1] as string)) i--;
  return s.slice(i);
}

/** `s` without the characters at its end that pass `test` (see tailWhile). */
export function trimEndWhile(s: string, test: (c: string) => boolean): string {
  return s.slice(0, s.length - tailWhile(s, test).length);
}
