/**
 * Hostile inputs for the no-super-linear-time property (issue 15): texts of a
 * given length built to make a backtracking regular expression or a
 * quadratic loop blow up: long digit runs ending in a letter, runs of one
 * separator, nested and unbalanced quotes, one long word, many short words,
 * specifiers, and binary bytes.
 */
export interface HostileInput {
  name: string;
  text: string;
}

const fill = (unit: string, size: number, tail = "") => unit.repeat(Math.max(1, Math.floor((size - tail.length) / unit.length))) + tail;

/** Bytes from a fixed-seed generator (xorshift), as Latin-1 characters: the same "binary" every run. */
function binary(size: number): string {
  let x = 0x2545f491;
  let out = "";
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += String.fromCharCode(x & 0xff);
  }
  return out;
}

/** Characters that separate or delimit something in one of the file kinds. */
const separators = [" ", "\t", ",", ":", ".", "-", "/", "=", "%", "\\", "[", "]", "{", "}", "*", "~", "@"];

export function hostileInputs(size: number): HostileInput[] {
  const inputs: HostileInput[] = [
    { name: "digits then a letter", text: fill("1", size, "x") },
    { name: "digits then a size suffix and a letter", text: fill("1", size, "Kx") },
    { name: "number-dot runs", text: fill("1.", size, "x") },
    { name: "number-space runs", text: fill("1 ", size, "x") },
    { name: "hex-like run", text: `0x${fill("f", size - 2, "g")}` },
    { name: "one long word", text: fill("a", size) },
    { name: "one long camel-case word", text: fill("Ab", size, "=") },
    { name: "many short words", text: fill("a b ", size) },
    { name: "many unit names", text: fill("a.service ", size) },
    { name: "double then single quotes", text: fill(`"'`, size) },
    { name: "nested quotes, unbalanced", text: fill(`"a'b`, size) },
    { name: "escaped quotes", text: fill('\\"', size, '"') },
    { name: "specifiers", text: fill("%n", size, "%") },
    { name: "time units", text: fill("1min", size, "x") },
    { name: "calendar-like", text: fill("Mon..Fri,", size, "*-*-* 99:99") },
    { name: "wait-online helpers", text: fill("wait-online/e", size) },
    { name: "binary bytes", text: binary(size) },
    { name: "no-break spaces", text: fill("\u00a0", size, "x") },
  ];
  for (const sep of separators) inputs.push({ name: `run of '${sep}' then a letter`, text: fill(sep, size, "x") });
  return inputs;
}

/** The few inputs that found every slow path so far, for sweeps over many directives or keys. */
export function sharpestInputs(size: number): HostileInput[] {
  const names = ["digits then a letter", "many short words", "one long word", "binary bytes", "run of ' ' then a letter"];
  return hostileInputs(size).filter((i) => names.includes(i.name));
}

export const BUDGET_MS = 50;

/**
 * The time `fn` takes in ms: the best of up to `tries` runs, each measured as
 * wall time (process.hrtime) and as this process's CPU time, whichever is
 * less; a run within the budget ends the measurement. Another process on the
 * same cores stretches the wall time, not the CPU time, so a linear function
 * meets the budget on a loaded machine too; a super-linear one on no try.
 */
export function bestTimeMs(fn: () => unknown, tries = 3, budget = BUDGET_MS): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < tries; i++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    fn();
    const wall = Number(process.hrtime.bigint() - start) / 1e6;
    const used = process.cpuUsage(cpu);
    best = Math.min(best, wall, (used.user + used.system) / 1e3);
    if (best <= budget) break;
  }
  return best;
}

/**
 * Whether `run` is too slow on `text`, as a message (undefined: fine). A run
 * over the budget on every try is measured again on `quarterText` (the same
 * shape, a quarter of the length): too slow is more than four times the
 * budget, or more than ten times the quarter's time (super-linear; linear work
 * grows about four times). On an idle machine every linear case is far inside
 * the budget; this keeps a machine loaded by other work from failing them.
 * Both sizes are measured warm (after one untimed run of the quarter).
 */
export function overBudget(run: (text: string) => unknown, text: string, quarterText: string, budget = BUDGET_MS): string | undefined {
  // One untimed run of the quarter first: the first runs of a new shape go through V8's interpreter and
  // baseline tiers, so the full text would pay the warm-up its quarter (measured after it) does not.
  run(quarterText);
  const ms = bestTimeMs(() => run(text), 3, budget);
  if (ms <= budget) return undefined;
  const quarterMs = bestTimeMs(() => run(quarterText), 3, budget / 4);
  // A quarter that runs in a few milliseconds is mostly fixed cost and timer noise: a ratio to it says nothing.
  if (ms <= 4 * budget && ms <= 10 * Math.max(quarterMs, budget / 4)) return undefined;
  return `${ms.toFixed(0)} ms (${quarterMs.toFixed(0)} ms on a quarter of it)`;
}
