/** The remote engine's pure parts: names, quoting, targets, systemctl show and journal parsing, host resolution. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseActivateTimeout, parseConfirmTimeout, parseWait } from "../../server/src/cli/deploy.js";
import { printable } from "../../server/src/cli/printable.js";
import { exitCodeFor } from "../../server/src/cli/remote-options.js";
import { defaultSettings } from "../../server/src/core/settings.js";
import { lintForDeploy } from "../../server/src/remote/deploy.js";
import { deployScript, scriptVars } from "../../server/src/remote/deploy-script.js";
import { resolveHost } from "../../server/src/remote/hosts.js";
import { journalCommand, parseJournalLine } from "../../server/src/remote/journal.js";
import { cronDNameProblem, shq, unitNameProblem } from "../../server/src/remote/names.js";
import { confirmScript } from "../../server/src/remote/netplan-apply.js";
import { SshTransport } from "../../server/src/remote/ssh.js";
import { parseShow, unitStatus } from "../../server/src/remote/status.js";
import { deployTarget } from "../../server/src/remote/targets.js";

describe("remote engine", () => {
  it("accepts unit names systemd accepts and refuses the rest", () => {
    for (const ok of [
      "a.service",
      "foo@.service",
      "foo@bar.service",
      "dev-sda1.swap",
      "x\\x2dy.mount",
      "a:b_c-d.timer",
      "getty@tty1.service",
    ])
      assert.equal(unitNameProblem(ok), undefined, ok);
    for (const bad of ["", ".service", "a b.service", "it's.service", "a;b.service", "$(x).service", "a.conf", "@x.service", "a/b.service"])
      assert.ok(unitNameProblem(bad), bad);
    assert.ok(unitNameProblem(`${"a".repeat(250)}.service`));
  });

  it("quotes any string for a POSIX shell", () => {
    assert.equal(shq("it's"), `'it'\\''s'`);
    assert.equal(shq("a b"), "'a b'");
  });

  it("cron.d names follow Debian cron: no dots", () => {
    assert.equal(cronDNameProblem("backup_daily-1"), undefined);
    assert.match(cronDNameProblem("backup.sh") ?? "", /no dots/);
  });

  it("places each deployable file where its daemon reads it", () => {
    const t = (p: string, scope: "system" | "user" = "system") => {
      const d = deployTarget(p, scope);
      return `${d.kind} ${d.inHome ? "~/" : ""}${d.dir}/${d.name} ${d.mode} ${d.unit ?? "-"}`;
    };
    assert.equal(t("/w/my dir/app.service"), "unit /etc/systemd/system/app.service 0644 app.service");
    assert.equal(t("/w/app.service.d/10-env.conf"), "drop-in /etc/systemd/system/app.service.d/10-env.conf 0644 app.service");
    assert.equal(t("/w/app.timer", "user"), "unit ~/.config/systemd/user/app.timer 0644 app.timer");
    assert.equal(t("/w/etc/cron.d/backup"), "cron.d /etc/cron.d/backup 0644 -");
    assert.equal(t("/w/etc/crontab"), "system-crontab /etc/crontab 0644 -");
    assert.equal(t("/w/me.crontab"), "user-crontab /crontab 0600 -");
    assert.equal(t("/w/logrotate.d/nginx"), "logrotate /etc/logrotate.d/nginx 0644 -");
    assert.equal(t("/w/netplan/50-cloud.yaml"), "netplan /etc/netplan/50-cloud.yaml 0600 -");
    assert.equal(t("/w/tmpl@.service"), "unit /etc/systemd/system/tmpl@.service 0644 -");
    assert.throws(() => deployTarget("/w/README.md", "system"), /does not know where this file goes/);
    assert.throws(() => deployTarget("/w/cron.d/x", "user"), /user scope/);
  });

  it("parses systemctl show blocks, keeping '#', ';', '=' and quotes inside values", () => {
    const out = `Id=a.service\nDescription=It's #1; a=b "quoted"\nLoadState=loaded\nActiveState=active\nSubState=running\nMainPID=42\nNRestarts=0\nActiveEnterTimestamp=Sun 2026-11-22 01:20:03 UTC\n\nId=missing.service\nLoadState=not-found\nActiveState=inactive\nMainPID=0\n`;
    const [a, m] = parseShow(out).map((p) => unitStatus(p));
    assert.equal(a?.description, `It's #1; a=b "quoted"`);
    assert.equal(a?.mainPid, 42);
    assert.equal(a?.activeSince, "2026-11-22T01:20:03.000Z");
    assert.equal(m?.loadState, "not-found");
  });

  it("parses journal JSON lines, including byte-array messages", () => {
    const e = parseJournalLine(
      JSON.stringify({
        __REALTIME_TIMESTAMP: "1763774403123456",
        PRIORITY: "3",
        MESSAGE: [104, 105],
        SYSLOG_IDENTIFIER: "app",
        _PID: "7",
        __CURSOR: "c",
      }),
    );
    assert.deepEqual(e, { time: "2025-11-22T01:20:03.123456Z", priority: 3, message: "hi", identifier: "app", pid: 7, cursor: "c" });
    assert.equal(parseJournalLine("-- No entries --"), undefined);
  });

  it("puts names into remote commands only validated and quoted", () => {
    assert.throws(() => journalCommand("x'; rm -rf /.service", { scope: "system", sudo: true, lines: 5, where: "h" }, false));
    const follow = journalCommand("a.service", { scope: "user", sudo: true, lines: 5, where: "h" }, true);
    assert.match(follow.script, /journalctl --user --unit='a\.service'/);
    // The command ssh runs is fixed and the same in any login shell; the script goes on stdin.
    assert.equal(follow.command, "/bin/sh -s");
    assert.match(journalCommand("-.mount", { scope: "system", sudo: true, lines: 5, where: "h" }, false).script, /--unit='-\.mount'/);
  });

  it("resolves hosts from the setting, else as ssh destinations; never with host key checking off", () => {
    const h = resolveHost(
      "web",
      [{ name: "web", host: "web1.example", user: "ops", port: 2222, identityFile: "/k/id", sudo: false, scope: "user" }],
      {
        sshConfig: "/cfg/ssh config",
      },
    );
    assert.deepEqual(h.target, {
      destination: "web1.example",
      user: "ops",
      port: 2222,
      identityFile: "/k/id",
      sshConfig: "/cfg/ssh config",
    });
    assert.equal(h.sudo, false);
    assert.equal(h.scope, "user");
    const alias = resolveHost("deploy@db", []);
    assert.equal(alias.target.destination, "db");
    assert.equal(alias.target.user, "deploy");
    const args = new SshTransport(h.target, { reuse: false }).args("true");
    assert.ok(args.includes("BatchMode=yes"));
    assert.ok(!args.some((a) => /StrictHostKeyChecking|UserKnownHostsFile/.test(a)));
    assert.deepEqual(args.slice(0, 2), ["-F", "/cfg/ssh config"]);
    assert.throws(() => new SshTransport({ destination: "-oProxyCommand=x" }), /not a host name/);
  });

  it("escapes what would drive a terminal, and nothing else", () => {
    assert.equal(printable("title\x1b]0;pwned\x07 clear\x1b[2J tab\tok café"), "title\\x1b]0;pwned\\x07 clear\\x1b[2J tab\tok café");
    assert.equal(printable("c1\u009b31m bidi\u202e"), "c1\\x9b31m bidi\\u202e");
  });

  it("--wait takes whole seconds; exit statuses follow the README", () => {
    assert.equal(parseWait(undefined), 5);
    assert.equal(parseWait("10"), 10);
    for (const bad of ["1.5", "0", "-1", "601", "1e1", " 3", "abc"]) assert.throws(() => parseWait(bad), /whole seconds/, bad);
    assert.throws(() =>
      deployScript(deployTarget("/w/a.service", "system"), {
        content: Buffer.from(""),
        enableOnFirstDeploy: true,
        waitSeconds: 1.5,
        lockWaitSeconds: 1,
        netplanConfirmSeconds: 5,
      }),
    );
    assert.equal(exitCodeFor("invalid-name"), 2);
    assert.equal(exitCodeFor("usage"), 2);
    assert.equal(exitCodeFor("locked"), 1);
    assert.equal(exitCodeFor("install"), 1);
    for (const c of ["ssh", "auth", "host-key", "unknown-host", "sudo-password", "no-sudo"]) assert.equal(exitCodeFor(c), 3, c);
  });

  it("netplan: the revert is armed before the file changes; the confirmation names its deploy; timeouts are whole seconds", () => {
    const t = deployTarget("/w/netplan/60-x.yaml", "system");
    const o = { content: Buffer.from("network: {version: 2}\n"), enableOnFirstDeploy: true, waitSeconds: 2, lockWaitSeconds: 1 };
    const script = deployScript(t, { ...o, netplanConfirmSeconds: 30 });
    const at = (s: string) => {
      const i = script.indexOf(s);
      assert.ok(i >= 0, `the script has ${s}`);
      return i;
    };
    assert.ok(at("ev ready") > at("waits for its confirmation or revert"), "a pending change is refused while the host is unchanged");
    assert.ok(at('arm "$TIMEOUT"; FIRST=') < at('stage_into_place "$T/new" new'), "armed before the install");
    assert.ok(at('stage_into_place "$T/new" new') < at('netplan apply --state "$P/prev"'), "installed before the apply");
    assert.ok(at('netplan apply --state "$P/prev"') < at('ev "applied $TOKEN'), "applied reported only after the apply");
    assert.throws(() => deployScript(t, { ...o, netplanConfirmSeconds: 2 }), /netplanConfirmSeconds/);
    assert.throws(() => confirmScript(scriptVars(t, o), "x; rm -rf /", true), /token/);
    assert.match(confirmScript(scriptVars(t, o), "1700000000-42-0a1b", true), /^TOKEN=1700000000-42-0a1b$/m);
    assert.equal(parseConfirmTimeout(undefined), 60);
    assert.equal(parseConfirmTimeout("90"), 90);
    for (const bad of ["4", "3601", "1.5", "x"]) assert.throws(() => parseConfirmTimeout(bad), /whole seconds/, bad);
    assert.equal(parseActivateTimeout(undefined), 300);
    assert.equal(parseActivateTimeout("5"), 5);
    for (const bad of ["4", "3601", "1.5", "-1", ""]) assert.throws(() => parseActivateTimeout(bad), /whole seconds from 5 to 3600/, bad);
  });

  it("lints every deployable kind before a deploy and names bytes that are not UTF-8", () => {
    const lint = (path: string, text: string, bytes?: Buffer) =>
      lintForDeploy(path, text, deployTarget(path, "system", text), defaultSettings, bytes).map((d) => `${d.severity} ${d.rule} ${d.line}`);
    assert.ok(lint("/w/logrotate.d/app", "/var/log/app.log {\n  rotate four\n}\n").some((d) => d.startsWith("error")));
    assert.ok(
      lint("/w/netplan/60-x.yaml", "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: maybe\n").some((d) =>
        d.startsWith("error"),
      ),
    );
    const latin1 = Buffer.from("# caf\xe9\n* * * * * root true\n", "latin1");
    assert.ok(lint("/w/cron.d/job", latin1.toString("utf8"), latin1).includes("info encoding 1"));
    const unit = Buffer.from("[Unit]\nDescription=caf\xe9\n", "latin1");
    assert.ok(lint("/w/a.service", unit.toString("utf8"), unit).includes("error encoding 2"));
  });
});
