import type { LogrotateRule } from "../rule.js";
import { conflictingDirectives } from "./conflicting-directives.js";
import { globalOnly } from "./global-only.js";
import { invalidArgument } from "./invalid-argument.js";
import { missingEndscript } from "./missing-endscript.js";
import { notInDebianLogrotate } from "./not-in-debian-logrotate.js";
import { unclosedBlock } from "./unclosed-block.js";
import { unknownDirective } from "./unknown-directive.js";

export const logrotateRules: readonly LogrotateRule[] = [
  unknownDirective,
  invalidArgument,
  globalOnly,
  unclosedBlock,
  missingEndscript,
  conflictingDirectives,
  notInDebianLogrotate,
];
