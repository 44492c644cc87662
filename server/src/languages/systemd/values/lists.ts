import { editDistance } from "../../../core/edit-distance.js";
import { parseTimespan } from "../../calendar/timespan.js";
import { hasSpecifier } from "./names.js";
import { isIecSize, parseBoolean, parseInteger } from "./scalars.js";
import { maxProblemsPerValue, ok, problem, type ValueContext, type ValueProblem, type ValueValidator } from "./types.js";
import { splitWords } from "./words.js";

/** The one known name within two edits of `name`, if exactly one is. */
function nearestName(name: string, names: readonly string[]): string | undefined {
  const close = names.filter((n) => editDistance(name, n, true, 2) <= 2);
  return close.length === 1 ? close[0] : undefined;
}

/** A whitespace-separated list with an optional leading '~', each item checked by `check`. */
function listOf(check: (item: string, ctx: ValueContext) => string | undefined, options: { invert?: boolean } = {}): ValueValidator {
  return (value, ctx) => {
    let body = value;
    let offset = 0;
    if (options.invert && body.startsWith("~")) {
      body = body.slice(1);
      offset = 1;
    }
    const out: ValueProblem[] = [];
    for (const m of body.matchAll(/\S+/g)) {
      if (out.length >= maxProblemsPerValue) break;
      const reason = check(m[0], ctx);
      const start = (m.index ?? 0) + offset;
      if (reason) out.push({ message: reason, start, end: start + m[0].length });
    }
    return out;
  };
}

const allowedOf = (ctx: ValueContext): string[] =>
  ctx.targetVersion <= 252 && ctx.parser?.allowedV252?.length ? ctx.parser.allowedV252 : (ctx.parser?.allowed ?? []);

export const validateCapabilities = listOf(
  (item, ctx) => {
    const names = allowedOf(ctx);
    const upper = item.toUpperCase();
    if (/^\d+$/.test(item) || names.includes(upper) || names.includes(`CAP_${upper}`)) return undefined;
    // systemd drops an unknown name from the set and says so only at debug level: the service silently lacks it.
    const near = nearestName(upper.startsWith("CAP_") ? upper : `CAP_${upper}`, names);
    return `Unknown capability '${item}': systemd skips the name without a warning${near ? ` (did you mean ${near}?)` : "; capabilities are named like CAP_NET_BIND_SERVICE"}`;
  },
  { invert: true },
);

export const validateAddressFamilies: ValueValidator = (value, ctx) => {
  if (value === "none") return ok;
  return listOf(
    // systemd looks family names up ignoring case (af_inet is AF_INET).
    (item) =>
      allowedOf(ctx).includes(item.toUpperCase()) ? undefined : `Unknown address family '${item}'; write e.g. AF_UNIX AF_INET AF_INET6`,
    { invert: true },
  )(value, ctx);
};

/** System calls: names are checked by libseccomp on the host, so only '@group' names and the shape are checked here. */
export const validateSyscalls: ValueValidator = (value, ctx) => {
  const denyList = value.startsWith("~");
  return listOf(
    (item) => {
      const [name, errno] = item.split(":");
      if (!name) return `Empty system call name in '${item}'`;
      if (name.startsWith("@")) {
        if (!allowedOf(ctx).includes(name)) return `Unknown system call group '${name}'`;
      } else if (!/^[a-z0-9_]+$/.test(name)) {
        return `'${name}' is not a system call name${name.startsWith("~") ? "; '~' may only start the whole list" : ""}`;
      }
      if (errno === undefined) return undefined;
      if (ctx.directive.name === "SystemCallLog") return `SystemCallLog= takes no error number: '${item}'`;
      if (!denyList) return `Only a deny list (starting with '~') may give system calls an error number: '${item}'`;
      return /^(E[A-Z0-9]+|\d+|kill)$/i.test(errno) ? undefined : `'${errno}' is not an errno name or number`;
    },
    { invert: true },
  )(value, ctx);
};

export const validateArchitectures = listOf((item, ctx) =>
  allowedOf(ctx).includes(item) ? undefined : `Unknown architecture '${item}'; write e.g. native or x86-64`,
);

export const validateNamespaces: ValueValidator = (value, ctx) => {
  if (parseBoolean(value) !== undefined) return ok;
  return listOf(
    (item) => (allowedOf(ctx).includes(item) ? undefined : `Unknown namespace type '${item}'; expected ${allowedOf(ctx).join(" ")}`),
    { invert: true },
  )(value, ctx);
};

export const validateFilesystems = listOf(
  (item, ctx) => {
    if (item.startsWith("@")) return allowedOf(ctx).includes(item) ? undefined : `Unknown file system group '${item}'`;
    return /^[a-z0-9_.-]+$/.test(item) ? undefined : `'${item}' is not a file system type name`;
  },
  { invert: true },
);

export const validateControllers = listOf((item, ctx) =>
  allowedOf(ctx).includes(item) ? undefined : `Unknown cgroup controller '${item}'`,
);

export const validateDelegate: ValueValidator = (value, ctx) =>
  parseBoolean(value) !== undefined || value === "" ? ok : validateControllers(value, ctx);

export const validateCpuSet: ValueValidator = (value, ctx) => {
  if (value === "" || hasSpecifier(value)) return ok;
  // The keywords belong to one directive each: NUMAMask=all, CPUAffinity=numa; elsewhere systemd cannot parse them.
  const keyword =
    ctx.parser?.parser === "config_parse_numa_mask" ? "all" : ctx.parser?.parser === "config_parse_exec_cpu_affinity" ? "numa" : "";
  if (value === keyword) return ok;
  if (value === "all" || value === "numa")
    return problem(`${ctx.directive.name}= does not take '${value}'; list the CPUs or NUMA nodes, e.g. 0-3`);
  for (const m of value.matchAll(/[^\s,]+/g)) {
    if (!/^\d+(-\d+)?$/.test(m[0]))
      return problem(`'${m[0]}' is not a CPU index or range; write e.g. 0-3 6`, m.index, (m.index ?? 0) + m[0].length);
    const dash = m[0].indexOf("-");
    const [a, b] = dash < 0 ? [0, undefined] : [Number(m[0].slice(0, dash)), Number(m[0].slice(dash + 1))];
    if (b !== undefined && a !== undefined && b < a) return problem(`Range '${m[0]}' is reversed`, m.index, (m.index ?? 0) + m[0].length);
  }
  return ok;
};

export const validateDocumentation = listOf((item) =>
  /^(https?:\/\/|file:\/|info:|man:)/.test(item) || hasSpecifier(item)
    ? undefined
    : `'${item}' is not a documentation URI; systemd accepts http://, https://, file:/, info: and man: URIs`,
);

export const validateFlags: ValueValidator = (value, ctx) => {
  if (value === "" || value === "all" || value === "default" || /^(0x)?[0-9a-fA-F]+$/.test(value)) return ok;
  return listOf((item) =>
    allowedOf(ctx).includes(item) || item === "all" || item === "default"
      ? undefined
      : `Unknown flag '${item}'; expected ${allowedOf(ctx).join(" ")}`,
  )(value, ctx);
};

const signalNumber = (s: string) => {
  const n = parseInteger(s);
  return n !== undefined && n >= 1 && n <= 64;
};

export function signalProblem(item: string, ctx: ValueContext): string | undefined {
  const name = item.startsWith("SIG") ? item : `SIG${item}`;
  if (signalNumber(item)) return undefined;
  if (/^SIGRTM(IN|AX)([+-]\d+)?$/.test(name)) return undefined;
  const names = ctx.parser?.parser === "config_parse_signal" ? allowedOf(ctx) : signalNames;
  return names.includes(name) ? undefined : `Unknown signal '${item}'; write e.g. SIGTERM, TERM or a number`;
}

const signalNames =
  "SIGHUP SIGINT SIGQUIT SIGILL SIGTRAP SIGABRT SIGBUS SIGFPE SIGKILL SIGUSR1 SIGSEGV SIGUSR2 SIGPIPE SIGALRM SIGTERM SIGSTKFLT SIGCHLD SIGCONT SIGSTOP SIGTSTP SIGTTIN SIGTTOU SIGURG SIGXCPU SIGXFSZ SIGVTALRM SIGPROF SIGWINCH SIGIO SIGPWR SIGSYS".split(
    " ",
  );

export const validateSignal: ValueValidator = (value, ctx) => {
  if (value === "") return ok;
  const reason = signalProblem(value, ctx);
  return reason ? problem(reason) : ok;
};

export const validateExitStatusList = listOf((item, ctx) => {
  const n = parseInteger(item);
  if (n !== undefined) return n >= 0 && n <= 255 ? undefined : `Exit status ${item} is out of range 0..255`;
  if (allowedOf(ctx).includes(item)) return undefined;
  return signalProblem(item, ctx) ? `'${item}' is neither an exit status (0..255 or a name such as SUCCESS) nor a signal` : undefined;
});

// errno names are looked up ignoring case; 0 is no error, so systemd refuses it as an error number.
export const validateErrno: ValueValidator = (value) =>
  value === "" || /^(E[A-Z0-9]+|kill)$/i.test(value) || ((parseInteger(value) ?? -1) >= 1 && (parseInteger(value) ?? 4096) <= 4095)
    ? ok
    : problem(`'${value}' is not an errno; write a name such as EPERM or a number 1..4095`);

export const validateIpPrefixes = listOf((item) => {
  if (["any", "localhost", "link-local", "multicast"].includes(item)) return undefined;
  const [addr, len] = item.split("/");
  const v4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(addr ?? "");
  const v6 = (addr ?? "").includes(":") && /^[0-9a-fA-F:.]+$/.test(addr ?? "");
  if (!v4 && !v6) return `'${item}' is not an IP address or prefix; write e.g. 10.0.0.0/8, ::1 or 'localhost'`;
  if (len !== undefined && (!/^\d+$/.test(len) || Number(len) > (v4 ? 32 : 128))) return `Invalid prefix length in '${item}'`;
  return undefined;
});

const rlimitTime = new Set(["LimitCPU", "LimitRTTIME"]);
/** Only these resources take byte sizes with suffixes; the others take plain numbers. */
const rlimitBytes = new Set(["LimitAS", "LimitCORE", "LimitDATA", "LimitFSIZE", "LimitMEMLOCK", "LimitMSGQUEUE", "LimitRSS", "LimitSTACK"]);

/**
 * LimitNICE= (rlimit_parse_nice): a raw limit 0..40, or a nice level written with its sign, +0..+19 or -0..-20;
 * no 'infinity' and no unsigned nice level.
 */
function niceLimitProblem(part: string): string | undefined {
  const m = /^([+-]?)(\d+)$/.exec(part);
  const n = m ? Number(m[2]) : Number.NaN;
  if (m && (m[1] === "+" ? n <= 19 : m[1] === "-" ? n <= 20 : n <= 40)) return undefined;
  return `'${part}' is not a nice limit; write a nice level with its sign (-20..+19) or a raw limit 0..40`;
}

export const validateRlimit: ValueValidator = (value, ctx) => {
  if (value === "") return ok;
  const parts = value.split(":");
  if (parts.length > 2) return problem(`'${value}' is not a limit; write VALUE or SOFT:HARD`);
  const name = ctx.directive.name;
  for (const part of parts) {
    if (name === "LimitNICE") {
      const reason = niceLimitProblem(part);
      if (reason) return problem(reason);
      continue;
    }
    if (part === "infinity") continue;
    if (rlimitTime.has(name)) {
      if (!parseTimespan(part, name === "LimitRTTIME" ? 1n : 1_000_000n).ok) return problem(`'${part}' is not a time limit`);
    } else if (rlimitBytes.has(name) ? !isIecSize(part) : !/^\d+$/.test(part)) {
      return problem(
        rlimitBytes.has(name)
          ? `'${part}' is not a limit; write a byte size such as 64M or 'infinity'`
          : `'${part}' is not a limit; ${name}= takes a plain number (no K/M/G suffix) or 'infinity'`,
      );
    }
  }
  const [soft, hard] = parts as [string, string | undefined];
  // 'infinity' is above every number: infinity:65536 is a soft limit above its hard limit too.
  if (hard !== undefined && hard !== "infinity" && (soft === "infinity" || softAboveHard(name, soft, hard)))
    return problem("The soft limit is larger than the hard limit: systemd ignores the line");
  return ok;
};

/** A LimitNICE= part on the kernel's raw scale: +N is 20-N, -N is 20+N. */
const rawNice = (part: string) =>
  part.startsWith("+") ? 20 - Number(part.slice(1)) : part.startsWith("-") ? 20 + Number(part.slice(1)) : Number(part);

function softAboveHard(name: string, soft: string, hard: string): boolean {
  if (name === "LimitNICE") return rawNice(soft) > rawNice(hard);
  if (rlimitTime.has(name)) {
    const a = parseTimespan(soft);
    const b = parseTimespan(hard);
    return a.ok && b.ok && a.value > b.value;
  }
  const toBytes = (s: string) => Number(s.replace(/[^\d.]/g, "")) * 1024 ** "BKMGTPE".indexOf(s.slice(-1).replace(/\d/, "B"));
  return toBytes(soft) > toBytes(hard);
}

const deviceNode = (s: string) => s.startsWith("/") || s.startsWith("char-") || s.startsWith("block-") || hasSpecifier(s);

export const validateDeviceAllow: ValueValidator = (value) => {
  if (value === "") return ok;
  const [device, perms, extra] = value.split(/\s+/);
  if (!device || !deviceNode(device)) return problem(`'${device}' is not a device: write a /dev path, char-NAME or block-NAME`);
  if (perms !== undefined && !/^[rwm]+$/.test(perms)) return problem(`'${perms}' is not a permission set; combine r, w and m`);
  if (extra !== undefined) return problem("Too many words; write DEVICE [rwm]");
  return ok;
};

export function deviceValueValidator(check: (v: string) => string | undefined): ValueValidator {
  return (value) => {
    if (value === "") return ok;
    const m = /^(\S+)\s+(\S+)$/.exec(value);
    if (!m) return problem("Write a device path followed by a value");
    if (!deviceNode(m[1] as string)) return problem(`'${m[1]}' is not an absolute device path`);
    const reason = check(m[2] as string);
    return reason ? problem(reason, value.length - (m[2] as string).length, value.length) : ok;
  };
}

export const validateDeviceWeight = (min: number, max: number) =>
  deviceValueValidator((v) => {
    const n = parseInteger(v);
    return n !== undefined && n >= min && n <= max ? undefined : `'${v}' is not a weight in ${min}..${max}`;
  });

export const validateDeviceBandwidth = deviceValueValidator((v) =>
  v === "infinity" || /^\d+(\.\d+)?[KMGT]?$/.test(v)
    ? undefined
    : `'${v}' is not a rate; write bytes per second with an optional K, M, G or T suffix, or 'infinity'`,
);

export const validateDeviceLatency = deviceValueValidator((v) => (parseTimespan(v).ok ? undefined : `'${v}' is not a time span`));

/** Netlink family names as systemd's socket-util.c knows them (numbers are accepted too). */
const netlinkFamilies = new Set([
  "route",
  "firewall",
  "inet-diag",
  "nflog",
  "xfrm",
  "selinux",
  "iscsi",
  "audit",
  "fib-lookup",
  "connector",
  "netfilter",
  "ip6-fw",
  "dnrtmsg",
  "kobject-uevent",
  "generic",
  "scsitransport",
  "ecryptfs",
  "rdma",
]);

const socketPathDirectives = new Set(["ListenFIFO", "ListenSpecial", "ListenUSBFunction"]);

export const validateSocketListen: ValueValidator = (value, ctx) => {
  if (value === "" || hasSpecifier(value)) return ok;
  const name = ctx.directive.name;
  if (socketPathDirectives.has(name)) return value.startsWith("/") ? ok : problem(`${name}= takes an absolute path`);
  if (name === "ListenMessageQueue") return value.startsWith("/") ? ok : problem("A message queue name starts with '/'");
  if (name === "ListenNetlink") {
    const m = /^(\S+)(\s+\d+)?$/.exec(value);
    return m && (netlinkFamilies.has(m[1] as string) || /^\d+$/.test(m[1] as string))
      ? ok
      : problem(
          `Write a netlink family (${[...netlinkFamilies].join(", ")} or a number) and an optional group number, e.g. 'kobject-uevent 1'`,
        );
  }
  if (value.startsWith("/") || value.startsWith("@")) return ok;
  // Sequential-packet sockets exist only for AF_UNIX: systemd refuses IP and vsock addresses there.
  if (name === "ListenSequentialPacket")
    return problem("ListenSequentialPacket= takes only an absolute path or an @abstract name (AF_UNIX)");
  if (/^vsock:/.test(value)) return ok;
  const port = (s: string) => /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 65535;
  if (/^\d+$/.test(value)) return port(value) ? ok : problem(`Port ${value} is out of range 1..65535`);
  const v6 = /^\[([0-9a-fA-F:.]+)(%[\w.-]+)?\]:(\d+)$/.exec(value);
  if (v6) return port(v6[3] as string) ? ok : problem(`Port ${v6[3]} is out of range 1..65535`);
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}|[\w.-]*):(\d+)$/.exec(value);
  if (v4) {
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(v4[1] as string))
      return problem(`'${v4[1]}' is not an IP address; systemd does not resolve host names here`);
    return port(v4[2] as string) ? ok : problem(`Port ${v4[2]} is out of range 1..65535`);
  }
  return problem(`'${value}' is not a socket address; write a port, ADDRESS:PORT, [IPv6]:PORT, an absolute path or @abstract-name`);
};

export const validateSocketBindRule: ValueValidator = (value) => {
  if (value === "" || value === "any") return ok;
  return /^((ipv4|ipv6):)?((tcp|udp):)?(any|\d+(-\d+)?)$/.test(value)
    ? ok
    : problem(`'${value}' is not a bind rule; write [ipv4|ipv6:][tcp|udp:]PORT[-PORT] or 'any'`);
};

export const validateOpenFile: ValueValidator = (value, ctx) => {
  if (value === "" || hasSpecifier(value)) return ok;
  const [path, , options] = value.split(":");
  if (!path?.startsWith("/")) return problem(`'${path}' is not an absolute path`);
  for (const option of options ? options.split(",") : []) {
    if (!allowedOf(ctx).includes(option)) return problem(`Unknown option '${option}'; expected ${allowedOf(ctx).join(", ")}`);
  }
  return ok;
};

export const validateNftSets = listOf((item, ctx) => {
  const parts = item.split(":");
  if (parts.length !== 4) return `'${item}' must be SOURCE:FAMILY:TABLE:SET`;
  if (!allowedOf(ctx).includes(parts[0] as string)) return `Unknown source '${parts[0]}'`;
  if (!["arp", "bridge", "inet", "ip", "ip6", "netdev"].includes(parts[1] as string)) return `Unknown nft family '${parts[1]}'`;
  return undefined;
});

export const validateJournalFields: ValueValidator = (value) => {
  const split = splitWords(value);
  if (!split.ok) return problem(split.reason, split.offset);
  const out: ValueProblem[] = [];
  for (const w of split.words) {
    if (out.length >= maxProblemsPerValue) break;
    const eq = w.text.indexOf("=");
    const name = eq < 0 ? "" : w.text.slice(0, eq);
    if (!/^[A-Z0-9][A-Z0-9_]*$/.test(name))
      out.push({
        message: `'${w.text}' must be FIELD=value with an upper-case field name not starting with '_'`,
        start: w.start,
        end: w.end,
      });
  }
  return out;
};

export const validateHexOrPath: ValueValidator = (value) =>
  value === "" || value.startsWith("/") || (/^[0-9a-fA-F]+$/.test(value) && value.length % 2 === 0 && value.length >= 32)
    ? ok
    : problem("Write a hex-encoded root hash (at least 16 bytes) or an absolute path to a file holding it");

export const validateBase64OrPath: ValueValidator = (value) =>
  value === "" || value.startsWith("/") || /^base64:[A-Za-z0-9+/=\s]+$/.test(value)
    ? ok
    : problem("Write an absolute path or 'base64:' followed by the signature");

export const validateBase64: ValueValidator = (value) => (/^[A-Za-z0-9+/=\s]*$/.test(value) ? ok : problem("The value is not Base64 data"));

export const validateImagePolicy: ValueValidator = (value, ctx) => {
  if (["", "*", "-", "~"].includes(value)) return ok;
  for (const rule of value.split(":")) {
    const [partition] = rule.split("=");
    if (partition && partition !== "" && !allowedOf(ctx).includes(partition)) return problem(`Unknown partition designator '${partition}'`);
  }
  return ok;
};

export const validateIpTos: ValueValidator = (value, ctx) => {
  if (allowedOf(ctx).includes(value)) return ok;
  const n = parseInteger(value);
  return n !== undefined && n >= 0 && n <= 255
    ? ok
    : problem(`'${value}' is not a type of service; expected ${allowedOf(ctx).join(", ")} or 0..255`);
};
