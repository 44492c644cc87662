import type { NetplanRule } from "../rule.js";
import { deprecatedGateway } from "./deprecated-gateway.js";
import { invalidValue } from "./invalid-value.js";
import { notInDebianNetplan } from "./not-in-debian-netplan.js";
import { unknownKey } from "./unknown-key.js";
import { yamlSyntax } from "./yaml-syntax.js";

export const netplanRules: readonly NetplanRule[] = [yamlSyntax, unknownKey, invalidValue, deprecatedGateway, notInDebianNetplan];
