/**
 * What each directive does, in Etcetera's words, and what logrotate does
 * when it is not written (the default of logrotate itself; Debian's
 * logrotate.conf changes some, noted where it does). Hover shows these.
 */
export interface Description {
  what: string;
  default: string;
}

export const descriptions: Record<string, Description> = {
  addextension: {
    what: "Appends this extension to every rotated name (after the number or date), before any compression extension.",
    default: "nothing appended",
  },
  allowhardlink: {
    what: "Lets logrotate rotate a log that has more than one hard link (it refuses such files by default, since renaming one link leaves the others).",
    default: "off (hard-linked logs are skipped)",
  },
  compress: {
    what: "Compresses the rotated copies with `compresscmd` (gzip unless changed).",
    default: "off (Debian's logrotate.conf leaves it commented out)",
  },
  compresscmd: {
    what: "The program that compresses rotated copies. For gzip, bzip2, xz, zstd, compress and zip logrotate also sets the matching extension.",
    default: "gzip",
  },
  compressext: {
    what: "The extension given to compressed copies; needed when `compresscmd` names a program logrotate does not know.",
    default: "the one of compresscmd (.gz)",
  },
  compressoptions: {
    what: "Command-line options passed to `compresscmd`, split like a shell would (no expansion).",
    default: "none (gzip then uses its own level, 6)",
  },
  copy: {
    what: "Copies the log instead of moving it and leaves the original untouched; `create` then does nothing.",
    default: "off (the log is renamed)",
  },
  copytruncate: {
    what: "Copies the log, then empties the original in place, for programs that cannot reopen their log. Lines written between copy and truncate are lost; `create` does nothing.",
    default: "off",
  },
  create: {
    what: "After renaming the log, creates a new empty one with this mode, owner and group (each may be left out, from the right, to keep the old file's).",
    default: "off in logrotate; Debian's logrotate.conf turns it on",
  },
  createolddir: {
    what: "Creates the `olddir` directory, with this mode, owner and group, when it does not exist.",
    default: "off (a missing olddir is an error)",
  },
  daily: {
    what: "Rotates once a day (when at least a day has passed since the last rotation recorded in the state file).",
    default: "the global section's criterion (Debian: weekly; with none at all, logrotate rotates at 1M)",
  },
  dateext: { what: "Names rotated copies by date (`app.log-20250131`) instead of by number.", default: "off (numbers: app.log.1)" },
  dateformat: {
    what: "The date suffix for `dateext`, from %Y %m %d %H %M %S %V and %s; other text is copied as it is. The names must sort by date.",
    default: "-%Y%m%d (-%Y%m%d%H with hourly)",
  },
  datehourago: { what: "With `dateext`, dates the copy an hour back (the hour the log covers), for hourly rotation.", default: "off" },
  dateyesterday: {
    what: "With `dateext`, dates the copy with yesterday (the day the log covers), for daily rotation after midnight.",
    default: "off",
  },
  delaycompress: {
    what: "Leaves the newest rotated copy uncompressed until the next rotation, for programs that keep writing to it for a while. Needs `compress`.",
    default: "off",
  },
  endscript: {
    what: "Ends a script started by postrotate, prerotate, firstaction, lastaction or preremove. It must be the first word of its line.",
    default: "—",
  },
  errors: { what: "Retired: logrotate warns and ignores it. Use `mail` to get error output.", default: "—" },
  extension: { what: "Keeps this extension at the end of rotated names (`app.1.log` rather than `app.log.1`).", default: "none" },
  firstaction: {
    what: "Shell run once, before any log of the block is rotated, if at least one will be; it gets the block's patterns as $1.",
    default: "none",
  },
  hourly: {
    what: "Rotates once an hour, but only if logrotate itself runs every hour (Debian runs it daily).",
    default: "the global section's criterion (Debian: weekly; with none at all, logrotate rotates at 1M)",
  },
  ifempty: { what: "Rotates the log even when it is empty.", default: "on" },
  ignoreduplicates: {
    what: "Lets a later block name a log an earlier block already rotates, keeping the first block's settings, instead of reporting a duplicate.",
    default: "off (a duplicate is an error)",
  },
  include: {
    what: "Reads another config file, or every file of a directory (sorted, skipping the taboo list), at this point.",
    default: "—",
  },
  lastaction: {
    what: "Shell run once, after every log of the block has been rotated, if any was; it gets the block's patterns as $1.",
    default: "none",
  },
  mail: { what: "Mails logs that are about to be removed to this address.", default: "no mail" },
  mailfirst: { what: "With `mail`, sends the copy just rotated instead of the one about to be removed.", default: "off (maillast)" },
  maillast: { what: "With `mail`, sends the copy about to be removed.", default: "on" },
  maxage: { what: "Removes rotated copies older than this many days, even if `rotate` would keep them.", default: "off" },
  maxsize: { what: "Rotates as soon as the log is bigger than this, even before its time criterion comes due.", default: "off" },
  minage: { what: "Does not rotate logs modified less than this many days ago.", default: "off" },
  minsize: {
    what: "Holds back a time-based rotation until the log is at least this big (ignored when `size` is the criterion).",
    default: "off",
  },
  missingok: { what: "Goes on quietly when a log is missing.", default: "off (a missing log is an error)" },
  monthly: {
    what: "Rotates the first time logrotate runs in a new month.",
    default: "the global section's criterion (Debian: weekly; with none at all, logrotate rotates at 1M)",
  },
  noallowhardlink: { what: "Refuses to rotate logs with more than one hard link.", default: "on" },
  nocompress: { what: "Does not compress rotated copies.", default: "on" },
  nocopy: { what: "Renames the log instead of copying it.", default: "on" },
  nocopytruncate: { what: "Does not truncate the original log in place.", default: "on" },
  nocreate: {
    what: "Does not create a new empty log after rotation (the program must create it).",
    default: "on in logrotate; Debian's logrotate.conf sets create",
  },
  nocreateolddir: { what: "Does not create a missing olddir.", default: "on" },
  nodateext: { what: "Names rotated copies by number, not by date.", default: "on" },
  nodelaycompress: { what: "Compresses the newest rotated copy at once.", default: "on" },
  nomail: { what: "Does not mail removed logs.", default: "on" },
  nomissingok: { what: "Reports an error when a log is missing.", default: "on" },
  noolddir: { what: "Keeps rotated copies beside the log.", default: "on" },
  norenamecopy: { what: "Turns renamecopy off.", default: "on" },
  nosharedscripts: { what: "Runs prerotate and postrotate once for every rotated log.", default: "on" },
  noshred: { what: "Deletes old copies with unlink, not shred.", default: "on" },
  notifempty: { what: "Does not rotate a log that is empty.", default: "off (ifempty)" },
  olddir: {
    what: "Moves rotated copies into this directory. A relative path is taken from each log's directory; on another filesystem it needs copy, copytruncate or renamecopy.",
    default: "beside the log",
  },
  postrotate: {
    what: "Shell run after the log is rotated (once per log, or once per block with sharedscripts), typically to make the program reopen its log. A failure is reported as an error.",
    default: "none",
  },
  preremove: { what: "Shell run for each old copy before it is removed; it gets the file's name as $1.", default: "none" },
  prerotate: { what: "Shell run before the log is rotated, only if it will be. If it fails, the log is not rotated.", default: "none" },
  renamecopy: {
    what: "Renames the log to a temporary name, then copies it to the rotated name: lets olddir be on another filesystem.",
    default: "off",
  },
  rotate: {
    what: "Keeps this many rotated copies; older ones are removed. 0 removes the old log at once; -1 keeps them all (see maxage).",
    default: "0 in logrotate; Debian's logrotate.conf sets 4",
  },
  sharedscripts: {
    what: "Runs prerotate and postrotate once for the whole block instead of once per log (the patterns are passed as $1).",
    default: "off",
  },
  shred: { what: "Overwrites old copies with `shred -u` before removing them.", default: "off" },
  shredcycles: { what: "How many times `shred` overwrites a removed copy. Needs `shred`.", default: "shred's own (3)" },
  size: {
    what: "Rotates when the log is bigger than this, whenever logrotate runs; replaces the time criterion. k/K, M and G are powers of 1024; a bare number is bytes.",
    default: "the global section's criterion (Debian: weekly; with none at all, logrotate rotates at 1M)",
  },
  start: { what: "The number of the first rotated copy.", default: "1" },
  su: { what: "Rotates as this user and group, for logs in directories writable by others than root.", default: "root" },
  tabooext: {
    what: "Extensions of files that `include` of a directory skips. With a leading + they are added to the list; without, they replace it.",
    default: ".bak, .dpkg-old, .rpmsave, ~ and more",
  },
  taboopat: {
    what: "Glob patterns of files that `include` of a directory skips; + adds to the list, without it replaces the list.",
    default: "the patterns of the taboo extensions",
  },
  uncompresscmd: { what: "The program that decompresses a copy (used when mailing a compressed log).", default: "gunzip" },
  weekly: {
    what: "Rotates once a week: on the given weekday (0 = Sunday to 6), or with 7 after seven full days.",
    default: "Debian's logrotate.conf sets weekly",
  },
  yearly: {
    what: "Rotates the first time logrotate runs in a new year.",
    default: "the global section's criterion (Debian: weekly; with none at all, logrotate rotates at 1M)",
  },
};
