import type { NetplanRule } from "../rule.js";
import { addressNotAHost } from "./address-not-a-host.js";
import { backendUnsupported } from "./backend-unsupported.js";
import { bridgeTimerUnits } from "./bridge-timer-units.js";
import { cloudInitManaged } from "./cloud-init-managed.js";
import { conflictingDefaultRoutes } from "./conflicting-default-routes.js";
import { deprecatedGateway } from "./deprecated-gateway.js";
import { dhcpAndStatic } from "./dhcp-and-static.js";
import { duplicateAddress } from "./duplicate-address.js";
import { duplicateKey } from "./duplicate-key.js";
import { duplicateMatch } from "./duplicate-match.js";
import { duplicateSetting } from "./duplicate-setting.js";
import { filePermissions } from "./file-permissions.js";
import { gatewayOutsideSubnet } from "./gateway-outside-subnet.js";
import { hostBitsSet } from "./host-bits-set.js";
import { ignoredFileName } from "./ignored-file-name.js";
import { incompleteRoute } from "./incomplete-route.js";
import { interfaceNameTooLong } from "./interface-name-too-long.js";
import { invalidAddress } from "./invalid-address.js";
import { invalidMac } from "./invalid-mac.js";
import { invalidName } from "./invalid-name.js";
import { invalidNumber } from "./invalid-number.js";
import { invalidOpenvswitch } from "./invalid-openvswitch.js";
import { invalidValue } from "./invalid-value.js";
import { memberWithAddresses } from "./member-with-addresses.js";
import { missingProperty } from "./missing-property.js";
import { missingVersion } from "./missing-version.js";
import { mtuTooSmallForIpv6 } from "./mtu-too-small-for-ipv6.js";
import { multicastMac } from "./multicast-mac.js";
import { notInDebianNetplan } from "./not-in-debian-netplan.js";
import { overridesWithoutDhcp } from "./overrides-without-dhcp.js";
import { spareInterfaceNotOptional } from "./spare-interface-not-optional.js";
import { tableWithoutRule } from "./table-without-rule.js";
import { undefinedInterface } from "./undefined-interface.js";
import { unknownKey } from "./unknown-key.js";
import { unusableGateway } from "./unusable-gateway.js";
import { vlanMtuAboveLink } from "./vlan-mtu-above-link.js";
import { vrfTableMismatch } from "./vrf-table-mismatch.js";
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
  gatewayOutsideSubnet,
  duplicateAddress,
  hostBitsSet,
  memberWithAddresses,
  missingVersion,
  duplicateKey,
  filePermissions,
  ignoredFileName,
  cloudInitManaged,
  bridgeTimerUnits,
  interfaceNameTooLong,
  mtuTooSmallForIpv6,
  invalidName,
  duplicateSetting,
  vrfTableMismatch,
  invalidOpenvswitch,
  unusableGateway,
  vlanMtuAboveLink,
  duplicateMatch,
  overridesWithoutDhcp,
  tableWithoutRule,
  dhcpAndStatic,
  spareInterfaceNotOptional,
  addressNotAHost,
  multicastMac,
];
