/**
 * Fixture expectations written inside the fixture itself, under the line they
 * are about:
 *
 *   ProtectDevices=yes
 *   #^^^^^^^^^^^^^ systemd/unknown-directive: Did you mean 'PrivateDevices'
 *
 * The carets mark the columns of the expected range on the closest line above
 * that is not an expectation (carets right after the comment character start
 * the range at that character's column, so `#^^^^` marks columns 0-4); the text after the rule id must occur in the
 * message. `#@ rule-id: text` (no carets) expects a diagnostic anywhere on
 * that line. A fixture with no expectations must produce no diagnostics.
 */
export interface Expectation {
  rule: string;
  line: number;
  startColumn?: number;
  endColumn?: number;
  messagePart?: string;
  /** Line of the expectation itself, for error messages (0-based). */
  at: number;
}

const caretLine = /^(\s*[#;])(\s*)(\^+)\s+([\w-]+\/[\w-]+)(?::\s*(.*))?$/;
const lineLevel = /^\s*[#;]@\s+([\w-]+\/[\w-]+)(?::\s*(.*))?$/;

export function isExpectationLine(text: string): boolean {
  return caretLine.test(text) || lineLevel.test(text);
}

export function readExpectations(text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  const out: Expectation[] = [];
  let target = -1;
  lines.forEach((line, i) => {
    const caret = caretLine.exec(line);
    const whole = lineLevel.exec(line);
    if (caret) {
      const prefix = caret[1] as string;
      const end = prefix.length + (caret[2] as string).length + (caret[3] as string).length;
      const start = caret[2] === "" ? prefix.length - 1 : end - (caret[3] as string).length;
      out.push({ rule: caret[4] as string, line: target, startColumn: start, endColumn: end, messagePart: caret[5], at: i });
    } else if (whole) {
      out.push({ rule: whole[1] as string, line: target, messagePart: whole[2], at: i });
    } else {
      target = i;
    }
  });
  return out;
}
