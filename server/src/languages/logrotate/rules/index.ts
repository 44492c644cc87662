import type { LogrotateRule } from "../rule.js";
import { commaInPathList } from "./comma-in-path-list.js";
import { compresscmdExtension } from "./compresscmd-extension.js";
import { conflictingDirectives } from "./conflicting-directives.js";
import { createIgnored } from "./create-ignored.js";
import { createWorldWritable } from "./create-world-writable.js";
import { crlfLineEndings } from "./crlf-line-endings.js";
import { dateformat } from "./dateformat.js";
import { delaycompressWithoutCompress } from "./delaycompress-without-compress.js";
import { directoryPattern } from "./directory-pattern.js";
import { duplicateLogEntry } from "./duplicate-log-entry.js";
import { emptyBlock } from "./empty-block.js";
import { fileSkipped } from "./file-skipped.js";
import { globMatchesRotated } from "./glob-matches-rotated.js";
import { globalOnly } from "./global-only.js";
import { globalOptionInSnippet } from "./global-option-in-snippet.js";
import { hourlyNeedsHourlyRun } from "./hourly-needs-hourly-run.js";
import { insecureLogDir } from "./insecure-log-dir.js";
import { invalidArgument } from "./invalid-argument.js";
import { missingEndscript } from "./missing-endscript.js";
import { noEffect } from "./no-effect.js";
import { notInDebianLogrotate } from "./not-in-debian-logrotate.js";
import { olddirPlacement } from "./olddir-placement.js";
import { postrotateMayFail } from "./postrotate-may-fail.js";
import { scriptsPerFile } from "./scripts-per-file.js";
import { skippedByTaboo } from "./skipped-by-taboo.js";
import { smallSize } from "./small-size.js";
import { tabooextReplacesDefaults } from "./tabooext-replaces-defaults.js";
import { tildePath } from "./tilde-path.js";
import { unclosedAtEnd } from "./unclosed-at-end.js";
import { unclosedBlock } from "./unclosed-block.js";
import { unknownDirective } from "./unknown-directive.js";
import { unquotedPathWithSpaces } from "./unquoted-path-with-spaces.js";

export const logrotateRules: readonly LogrotateRule[] = [
  // What logrotate itself reports (config.c).
  unknownDirective,
  invalidArgument,
  globalOnly,
  unclosedBlock,
  missingEndscript,
  crlfLineEndings,
  duplicateLogEntry,
  skippedByTaboo,
  conflictingDirectives,
  notInDebianLogrotate,
  // What logrotate accepts but does not do what the author meant.
  unclosedAtEnd,
  createIgnored,
  delaycompressWithoutCompress,
  globMatchesRotated,
  directoryPattern,
  commaInPathList,
  fileSkipped,
  insecureLogDir,
  tildePath,
  unquotedPathWithSpaces,
  globalOptionInSnippet,
  hourlyNeedsHourlyRun,
  dateformat,
  createWorldWritable,
  compresscmdExtension,
  tabooextReplacesDefaults,
  olddirPlacement,
  postrotateMayFail,
  scriptsPerFile,
  smallSize,
  noEffect,
  emptyBlock,
];
