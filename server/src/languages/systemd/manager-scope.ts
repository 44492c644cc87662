/**
 * Which service manager reads a unit file, from where it lies: the per-user
 * manager reads ~/.config/systemd/user, /etc/systemd/user, /usr/lib/systemd/user
 * (and /run, /usr/local equivalents); every other place is the system manager's.
 */
export function isUserUnitPath(path: string): boolean {
  return /(^|[\\/])systemd[\\/]user[\\/]/.test(path);
}

/** Units only the system manager has: a user manager never reaches or starts them. */
export const systemOnlyTargets = new Set([
  "multi-user.target",
  "graphical.target",
  "network.target",
  "network-online.target",
  "network-pre.target",
  "local-fs.target",
  "remote-fs.target",
  "sysinit.target",
  "rescue.target",
  "emergency.target",
  "getty.target",
  "nss-lookup.target",
  "time-sync.target",
]);
