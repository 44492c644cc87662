/**
 * Value validators: one per parser function of systemd's unit-file table, or
 * a written reason for accepting any value. Examples per parser state what
 * systemd accepts and rejects (checked against systemd-analyze verify).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allParsers, lookupDirective } from "../../server/src/languages/systemd/data.js";
import { acceptsAnyValue, validateValue, validators } from "../../server/src/languages/systemd/values/index.js";

describe("value validators", () => {
  it("cover every parser function in the table", () => {
    const uncovered = allParsers()
      .map((p) => p.parser)
      .filter((p) => !validators[p] && !acceptsAnyValue[p]);
    assert.deepEqual(uncovered, []);
  });

  it("have no parser both validated and excused", () => {
    assert.deepEqual(
      Object.keys(acceptsAnyValue).filter((p) => validators[p]),
      [],
    );
  });

  const cases: [section: string, directive: string, valid: string[], invalid: string[]][] = [
    ["Service", "Type", ["simple", "notify-reload", "exec"], ["Simple", "daemon", "simple,exec"]],
    ["Service", "Restart", ["on-failure", "always"], ["yes", "on failure"]],
    ["Service", "RemainAfterExit", ["yes", "No", "1", "on", "t"], ["maybe", "yess", "2"]],
    [
      "Service",
      "TimeoutStartSec",
      ["90", "5min", "1h 30min", "1h30", "2 hours", ".5s", "infinity", "1.5s"],
      ["5 mins later", "-1", "3.", "infinity 5s", "5 x"],
    ],
    ["Service", "Nice", ["-20", "19", "0"], ["20", "-21", "high"]],
    ["Service", "OOMScoreAdjust", ["-1000", "1000"], ["1001"]],
    ["Service", "User", ["www-data", "1000", "my.user", "%i", "backup user", "-bad"], ["a:b", "a/b", "65535", "4294967295"]],
    [
      "Service",
      "ExecStart",
      ["/usr/bin/app", "-/usr/bin/app", "@/usr/bin/app app", "app --plain", "/bin/sh -c 'echo \"x\"'", "%h/bin/app"],
      ["./app", "bin/app", "/usr/bin/", "/bin/sh -c 'unterminated", "--/usr/bin/app", "@/usr/bin/app", "+!/usr/bin/app"],
    ],
    ["Service", "Environment", ["A=1", '"A=1 2" B=3', "A= B=x"], ["A", "1A=2", "A-B=1"]],
    ["Service", "EnvironmentFile", ["/etc/default/app", "-/etc/default/app", "%E/app"], ["etc/default/app"]],
    ["Service", "WorkingDirectory", ["/srv", "-/srv", "~", "%h"], ["srv"]],
    ["Service", "MemoryMax", ["512M", "1G", "50%", "infinity", "1073741824"], ["1GB", "lots", "150%"]],
    ["Service", "CPUQuota", ["50%", "200%"], ["50", "0%", "half"]],
    ["Service", "TasksMax", ["100", "infinity", "20%"], ["0", "many"]],
    ["Service", "LimitNOFILE", ["65536", "1024:4096", "infinity"], ["lots", "1:2:3", "4096:1024", "8K", "infinity:65536"]],
    ["Service", "LimitCPU", ["10", "1min", "infinity"], ["forever"]],
    ["Service", "UMask", ["0022", "077", "7777"], ["0999", "abc", "77777"]],
    [
      "Service",
      "CapabilityBoundingSet",
      ["CAP_NET_ADMIN CAP_SYS_TIME", "~CAP_SYS_ADMIN", "cap_chown", "NET_ADMIN"],
      ["CAP_NETADMIN", "NETADMIN"],
    ],
    ["Service", "RestrictAddressFamilies", ["AF_UNIX AF_INET", "~AF_PACKET", "none"], ["AF_UNICORN", "INET"]],
    [
      "Service",
      "SystemCallFilter",
      ["@system-service", "~@privileged @resources", "~write read:EPERM"],
      ["@no-such-group", "~@system-service ~@debug", "write read:EPERM"],
    ],
    ["Service", "KillSignal", ["SIGTERM", "TERM", "9", "SIGRTMIN+3"], ["SIGFOO", "KILLME"]],
    ["Service", "SuccessExitStatus", ["0 143", "SIGTERM 1", "TEMPFAIL"], ["256", "FOO"]],
    ["Service", "CPUAffinity", ["0-3 6", "1,2", "numa"], ["a-b", "3-1"]],
    ["Service", "StateDirectory", ["app", "app/cache app2"], ["/var/lib/app", "../x"]],
    ["Service", "StandardOutput", ["journal", "append:/var/log/x", "file:%t/out", "syslog"], ["journald", "logfile"]],
    ["Service", "ProtectSystem", ["strict", "yes", "false"], ["readonly"]],
    ["Service", "IOSchedulingClass", ["best-effort", "2", "4"], ["8", "fast"]],
    ["Service", "SystemCallErrorNumber", ["EPERM", "13", "eperm"], ["5000", "PERM"]],
    [
      "Unit",
      "After",
      ["network.target foo@bar.service", "a.service\tb.socket", "%i.service"],
      ["network.target,foo.service", "foo", "foo.servce"],
    ],
    [
      "Unit",
      "Documentation",
      ["man:systemd.unit(5)", "https://example.com", "file:/usr/share/doc/x", "info:foo"],
      ["www.example.com", "/usr/share/doc"],
    ],
    ["Unit", "ConditionPathExists", ["/etc/x", "!/etc/x", "|!/etc/x"], ["etc/x", "!", "| /etc/x"]],
    ["Unit", "ConditionVirtualization", ["container", "!vm", "yes", "kvm"], ["kvms"]],
    ["Unit", "ConditionArchitecture", ["x86-64", "!arm64", "native"], ["amd64"]],
    ["Unit", "ConditionNeedsUpdate", ["/etc", "|/var"], ["/usr"]],
    ["Unit", "OnFailure", ["failure-notify@%n.service"], ["notify"]],
    [
      "Socket",
      "ListenStream",
      ["8080", "127.0.0.1:8080", "[::1]:80", "/run/app.sock", "@abstract", "vsock:2:1234"],
      ["70000", "localhost:8080", "host"],
    ],
    ["Socket", "SocketMode", ["0660"], ["0866"]],
    ["Socket", "Service", ["app.service"], ["app.socket"]],
    ["Timer", "OnBootSec", ["5min", "1h"], ["soon"]],
    ["Install", "WantedBy", ["multi-user.target", "a.target b.target"], ["multi-user.target,b.target", "multi-user"]],
  ];

  for (const [section, name, valid, invalid] of cases) {
    it(`${section}.${name}`, () => {
      const directive = lookupDirective(section, name);
      assert.ok(directive, `${section}.${name} is in the table`);
      for (const v of valid) assert.deepEqual(validateValue(directive, v, 256, "service"), [], `'${v}' is valid`);
      for (const v of invalid) assert.notDeepEqual(validateValue(directive, v, 256, "service"), [], `'${v}' is invalid`);
    });
  }
});
