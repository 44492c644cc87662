import type { NetplanRule } from "../rule.js";
import { backendUnsupported } from "./backend-unsupported.js";
import { conflictingDefaultRoutes } from "./conflicting-default-routes.js";
import { deprecatedGateway } from "./deprecated-gateway.js";
import { incompleteRoute } from "./incomplete-route.js";
import { invalidAddress } from "./invalid-address.js";
import { invalidMac } from "./invalid-mac.js";
import { invalidNumber } from "./invalid-number.js";
import { invalidValue } from "./invalid-value.js";
import { missingProperty } from "./missing-property.js";
import { notInDebianNetplan } from "./not-in-debian-netplan.js";
import { undefinedInterface } from "./undefined-interface.js";
import { unknownKey } from "./unknown-key.js";
import { yamlSyntax } from "./yaml-syntax.js";

export const netplanRules: readonly NetplanRule[] = [
  yamlSyntax,
  unknownKey,
  invalidValue,
  invalidAddress,
  invalidNumber,
  invalidMac,
  incompleteRoute,
  missingProperty,
  undefinedInterface,
  backendUnsupported,
  conflictingDefaultRoutes,
  deprecatedGateway,
  notInDebianNetplan,
];
