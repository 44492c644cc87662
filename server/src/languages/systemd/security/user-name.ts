/**
 * Whether systemd accepts a User= value (valid_user_group_name() in its
 * relaxed mode, numbers allowed): anything but the empty string, '.', '..',
 * names with ':' '/' or control characters, a leading '-', surrounding
 * blanks, or a number that is not a valid user id.
 */
export function validUserName(name: string): boolean {
  if (name === "" || name === "." || name === ".." || name.startsWith("-")) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what systemd rejects
  if (/[:/\x00-\x1f\x7f]/.test(name)) return false;
  if (name !== name.trim()) return false;
  if (/^\d+$/.test(name)) {
    const n = Number(name);
    return n < 4294967295 && n !== 65535;
  }
  return name.length <= 256;
}
