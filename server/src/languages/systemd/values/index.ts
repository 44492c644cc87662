import { ScopedValueCache } from "../../../core/memo.js";
import type { DirectiveInfo } from "../data.js";
import { parserInfo } from "../data.js";
import { validateExec } from "./command.js";
import { enumValidator, validateConditionPath, validateConditionString } from "./enums.js";
import * as L from "./lists.js";
import * as N from "./names.js";
import * as P from "./paths.js";
import * as S from "./scalars.js";
import { validateTimer } from "./timer.js";
import type { ValueContext, ValueProblem, ValueValidator } from "./types.js";

/**
 * One validator for every parser function of systemd's unit-file table. A
 * parser that is deliberately not checked has a written reason in
 * `acceptsAnyValue`; a test fails when a parser has neither.
 */
export const validators: Record<string, ValueValidator> = {
  config_parse_address_families: L.validateAddressFamilies,
  config_parse_alias: N.unitListValidator(undefined, { legacyAlias: true }),
  config_parse_allowed_cpuset: L.validateCpuSet,
  config_parse_also: N.unitListValidator(),
  config_parse_bind_paths: P.mountListValidator("-"),
  config_parse_blockio_bandwidth: L.validateDeviceBandwidth,
  config_parse_blockio_device_weight: L.validateDeviceWeight(10, 1000),
  config_parse_blockio_weight: S.integerIn(10, 1000),
  config_parse_bool: S.validateBoolean,
  config_parse_bus_name: N.validateBusName,
  config_parse_capability_set: L.validateCapabilities,
  config_parse_cg_cpu_weight: S.integerIn(1, 10000, ["idle"]),
  config_parse_cg_weight: S.integerIn(1, 10000),
  config_parse_cgroup_nft_set: L.validateNftSets,
  config_parse_cgroup_socket_bind: L.validateSocketBindRule,
  config_parse_collect_mode: enumValidator(),
  config_parse_colon_separated_paths: P.pathListValidator({ separators: ":" }),
  config_parse_cpu_quota: S.validateCpuQuota,
  config_parse_cpu_shares: S.integerIn(2, 262144),
  config_parse_delegate: L.validateDelegate,
  config_parse_device_allow: L.validateDeviceAllow,
  config_parse_device_policy: enumValidator(),
  config_parse_disable_controllers: L.validateControllers,
  config_parse_documentation: L.validateDocumentation,
  config_parse_emergency_action: enumValidator(),
  config_parse_environ: N.validateEnvironment,
  config_parse_exec: validateExec,
  config_parse_exec_coredump_filter: L.validateFlags,
  config_parse_exec_cpu_affinity: L.validateCpuSet,
  config_parse_exec_cpu_sched_policy: enumValidator({ numbers: [0, 6] }),
  config_parse_exec_cpu_sched_prio: S.integerIn(0, 99),
  config_parse_exec_directories: P.validateExecDirectories,
  config_parse_exec_input: enumValidator({ prefixed: ["fd:", "file:"] }),
  config_parse_exec_input_data: L.validateBase64,
  config_parse_exec_io_class: enumValidator({ numbers: [0, 7] }),
  config_parse_exec_io_priority: S.integerIn(0, 7),
  config_parse_exec_keyring_mode: enumValidator(),
  config_parse_exec_mount_propagation_flag: enumValidator(),
  config_parse_exec_mount_flags: enumValidator(),
  config_parse_exec_mount_apivfs: S.validateBoolean,
  config_parse_exec_nice: S.integerIn(-20, 19),
  config_parse_exec_oom_score_adjust: S.integerIn(-1000, 1000),
  config_parse_exec_output: enumValidator({ prefixed: ["fd:", "file:", "append:", "truncate:"], aliases: ["syslog", "syslog+console"] }),
  config_parse_exec_preserve_mode: enumValidator({ booleans: true }),
  config_parse_runtime_preserve_mode: enumValidator({ booleans: true }),
  config_parse_exec_root_hash: L.validateHexOrPath,
  config_parse_exec_root_hash_sig: L.validateBase64OrPath,
  config_parse_exec_secure_bits: L.validateFlags,
  config_parse_exec_utmp_mode: enumValidator(),
  config_parse_exit_status: S.integerIn(0, 255),
  config_parse_extension_images: P.mountListValidator("-"),
  config_parse_fdname: N.validateFdName,
  config_parse_iec_size: S.validateIecSize,
  config_parse_image_policy: L.validateImagePolicy,
  config_parse_in_addr_prefixes: L.validateIpPrefixes,
  config_parse_int: S.validateSignedInt,
  config_parse_io_device_latency: L.validateDeviceLatency,
  config_parse_io_device_weight: L.validateDeviceWeight(1, 10000),
  config_parse_io_limit: L.validateDeviceBandwidth,
  config_parse_ip_filter_bpf_progs: P.pathListValidator(),
  config_parse_ip_tos: L.validateIpTos,
  config_parse_job_mode: enumValidator(),
  config_parse_job_mode_isolate: S.validateBoolean,
  config_parse_job_running_timeout_sec: S.validateTimespanValue,
  config_parse_job_timeout_sec: S.validateTimespanValue,
  config_parse_kill_mode: enumValidator(),
  config_parse_log_extra_fields: L.validateJournalFields,
  config_parse_log_facility: enumValidator({ numbers: [0, 23] }),
  config_parse_log_level: enumValidator({ numbers: [0, 7] }),
  config_parse_long: S.validateSignedInt,
  config_parse_managed_oom_mem_pressure_limit: S.onlyForManagedOom(S.validatePercent0to100),
  config_parse_managed_oom_mode: S.onlyForManagedOom(enumValidator()),
  config_parse_managed_oom_preference: enumValidator(),
  config_parse_memory_limit: S.validateMemoryLimit,
  config_parse_memory_pressure_watch: enumValidator({ booleans: true }),
  config_parse_mode: S.validateMode,
  config_parse_mount_images: P.mountListValidator("-"),
  config_parse_namespace_path_strv: P.pathListValidator({ prefixes: "-+" }),
  config_parse_notify_access: enumValidator(),
  config_parse_nsec: S.validateTimespanValue,
  config_parse_numa_mask: L.validateCpuSet,
  config_parse_numa_policy: enumValidator(),
  config_parse_obsolete_unit_deps: N.unitListValidator(),
  config_parse_oom_policy: enumValidator(),
  config_parse_open_file: L.validateOpenFile,
  config_parse_pass_environ: N.envNamesValidator(false),
  config_parse_path_spec: P.pathValidator(),
  config_parse_personality: enumValidator(),
  config_parse_pid_file: P.pathValidator({ allowRelative: true }),
  config_parse_proc_subset: enumValidator(),
  config_parse_protect_home: enumValidator({ booleans: true }),
  config_parse_protect_proc: enumValidator(),
  config_parse_protect_system: enumValidator({ booleans: true }),
  config_parse_restrict_filesystems: L.validateFilesystems,
  config_parse_restrict_namespaces: L.validateNamespaces,
  config_parse_restrict_network_interfaces: N.validateInterfaceList,
  config_parse_rlimit: L.validateRlimit,
  config_parse_sec: S.validateTimespanValue,
  config_parse_sec_def_infinity: S.validateTimespanValue,
  config_parse_sec_fix_0: S.validateTimespanValue,
  config_parse_service_exit_type: enumValidator(),
  config_parse_service_restart: enumValidator(),
  config_parse_service_restart_mode: enumValidator(),
  config_parse_service_sockets: N.unitListValidator(".socket"),
  config_parse_service_timeout: S.validateTimespanValue,
  config_parse_service_timeout_abort: S.validateTimespanValue,
  config_parse_service_timeout_failure_mode: enumValidator(),
  config_parse_service_type: enumValidator(),
  config_parse_set_status: L.validateExitStatusList,
  config_parse_signal: L.validateSignal,
  config_parse_socket_bind: enumValidator({ booleans: true }),
  config_parse_socket_bindtodevice: N.validateInterfaceName,
  config_parse_socket_listen: L.validateSocketListen,
  config_parse_socket_protocol: enumValidator({ ignoreCase: true }),
  config_parse_socket_service: N.singleUnitValidator(".service", { socketService: true }),
  // Any boolean is accepted too: yes means ns, no means off.
  config_parse_socket_timestamping: enumValidator({ aliases: ["usec", "µs", "μs", "nsec"], booleans: true }),
  config_parse_strv: N.unitListValidator(),
  config_parse_swap_priority: S.integerIn(-1, 32767),
  config_parse_syscall_archs: L.validateArchitectures,
  config_parse_syscall_errno: L.validateErrno,
  config_parse_syscall_filter: L.validateSyscalls,
  config_parse_syscall_log: L.validateSyscalls,
  config_parse_tasks_max: S.validateTasksMax,
  config_parse_temporary_filesystems: P.mountListValidator(""),
  config_parse_timer: validateTimer,
  config_parse_trigger_unit: N.singleUnitValidator(),
  config_parse_tristate: S.validateTristate,
  config_parse_tty_size: S.validateUnsigned,
  config_parse_unit_condition_path: validateConditionPath,
  config_parse_unit_condition_string: validateConditionString,
  config_parse_unit_deps: N.unitListValidator(),
  config_parse_unit_env_file: P.pathValidator({ prefixes: "-" }),
  config_parse_unit_mounts_for: P.pathListValidator(),
  config_parse_unit_requires_mounts_for: P.pathListValidator(),
  config_parse_unit_path_printf: P.pathValidator(),
  config_parse_unit_path_strv_printf: P.pathListValidator(),
  config_parse_unit_slice: N.singleUnitValidator(".slice"),
  config_parse_unset_environ: N.envNamesValidator(true),
  config_parse_unsigned: S.validateUnsigned,
  config_parse_user_group_compat: N.validateUser,
  config_parse_user_group_strv_compat: N.validateUserList,
  config_parse_working_directory: P.validateWorkingDirectory,
};

/** Parsers whose values are not checked, and why. */
export const acceptsAnyValue: Record<string, string> = {
  config_parse_string: "free-form string (TCPCongestion=): the kernel decides which algorithms exist",
  config_parse_unit_string_printf: "free-form text such as Description=; only its specifiers are checked",
  config_parse_default_instance: "any instance string is accepted; systemd escapes it when enabling",
  config_parse_delegate_subgroup: "a cgroup path component; systemd checks it against the live cgroup tree",
  config_parse_exec_apparmor_profile: "profile names are defined by the host's AppArmor policy",
  config_parse_exec_selinux_context: "SELinux contexts are defined by the host's policy",
  config_parse_exec_smack_process_label: "SMACK labels are defined by the host's policy",
  config_parse_exec_input_text: "any line of text is valid standard input",
  config_parse_import_credential: "any credential name or glob is accepted",
  config_parse_load_credential: "ID[:PATH]; the path may be relative to the credential store, so any form is plausible",
  config_parse_set_credential: "ID:DATA with arbitrary data",
  config_parse_log_filter_patterns: "PCRE2 patterns are compiled by the host's libpcre2 at load time",
  config_parse_log_namespace: "any journal namespace name",
  config_parse_mount_node: "What= takes a device path, a tag such as UUID=…, or a file-system-specific source such as server:/export",
  config_parse_reboot_parameter: "the reboot argument is passed verbatim to the kernel",
  config_parse_root_image_options: "mount options are interpreted by the file system driver",
  config_parse_bpf_foreign_program: "bpffs paths and attach types depend on the host kernel",
  config_parse_warn_compat: "the directive is accepted and ignored; systemd/removed-directive reports it instead",
};

export function validatorFor(parser: string): ValueValidator | undefined {
  return validators[parser];
}

/** The parser systemd uses for a directive in the target version. */
function parserNameOf(directive: DirectiveInfo, targetVersion: number): string {
  return targetVersion <= 252 && directive.v252Parser ? (directive.v252Parser.split(/\s/)[0] ?? directive.parser) : directive.parser;
}

/**
 * Most parsers read an empty value as "reset"; a plain boolean does not: systemd logs that it cannot parse it and
 * ignores the line, so the value set before stays in force.
 */
export function emptyValueProblem(directive: DirectiveInfo, targetVersion: number): string | undefined {
  const parser = parserNameOf(directive, targetVersion);
  // config_parse_socket_service() reads the empty name as a unit name: "Unit must be of type service, ignoring".
  if (parser === "config_parse_socket_service")
    return `An empty ${directive.name}= does not reset it: systemd reads it as a unit name that is not a service and ignores the line, so an earlier ${directive.name}= stays. Remove the line to activate the service of the socket's own name.`;
  if (parser !== "config_parse_bool") return undefined;
  return `An empty ${directive.name}= does not reset it: systemd cannot parse an empty boolean and ignores the line, so an earlier value stays. Write yes or no.`;
}

export function validateValue(
  directive: DirectiveInfo,
  value: string,
  targetVersion: number,
  unitType: ValueContext["unitType"],
): readonly ValueProblem[] {
  // The verdict depends on nothing but these four. Every check of a document asks for every value again (some
  // rules twice), and a one-line edit changes one of them: verdicts are kept.
  return verdicts.get(`${targetVersion}${unitType ?? ""}`, value, directive, (own) => judge(directive, own, targetVersion, unitType));
}

const verdicts = new ScopedValueCache<DirectiveInfo, readonly ValueProblem[]>();

function judge(directive: DirectiveInfo, value: string, targetVersion: number, unitType: ValueContext["unitType"]): ValueProblem[] {
  const parserName = parserNameOf(directive, targetVersion);
  const validate = validators[parserName];
  if (!validate) return [];
  return validate(value, { directive, parser: parserInfo(parserName), unitType, targetVersion });
}
