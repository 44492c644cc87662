/**
 * A '#' written as a number sign, which nobody means as a comment:
 * `Description=openQA Worker #%i`, `Description=Shard #2`.
 */
function isNumberSign(value: string, at: number): boolean {
  return /^#(\d|%[a-zA-Z])/.test(value.slice(at, at + 3));
}

/**
 * systemd has no trailing comments: `Restart=always # why` makes `# why`
 * part of the value. Finds the offset of a ` #` outside quotes, if any.
 */
export function trailingCommentOffset(value: string): number | undefined {
  let quote: string | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === "#" && i > 0 && (value[i - 1] === " " || value[i - 1] === "\t") && !isNumberSign(value, i)) {
      return i;
    }
  }
  return undefined;
}
