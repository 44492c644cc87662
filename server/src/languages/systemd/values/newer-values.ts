/**
 * Values that systemd versions after the newest one whose parsers Etcetera
 * describes (256) added to directives that used to take a plain boolean.
 * Source: systemd.exec(5) of systemd 257 as Debian 13 ships it ("Added in
 * version 257"). With the default target (the newest systemd) they are valid;
 * a configured older target ignores them.
 */
export const newerValues: Readonly<Record<string, { version: number; values: readonly string[] }>> = {
  PrivateTmp: { version: 257, values: ["disconnected"] },
  ProtectControlGroups: { version: 257, values: ["private", "strict"] },
  PrivateUsers: { version: 257, values: ["self", "identity"] },
};

/** The systemd version that added `value` to `directive`, when it is one of the values above. */
export function versionAddingValue(directive: string, value: string): number | undefined {
  const newer = newerValues[directive];
  return newer?.values.includes(value.trim()) ? newer.version : undefined;
}
