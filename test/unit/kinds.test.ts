import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { describeKinds, detectKind, fileKinds, kindOfLanguageId, kindOfPath, kindTable, matchesGlob } from "../../server/src/core/kinds.js";
import { languages } from "../../server/src/core/languages.js";
import { deployTarget } from "../../server/src/remote/targets.js";

interface ManifestLanguage {
  id: string;
  extensions?: string[];
  filenames?: string[];
  filenamePatterns?: string[];
}
const manifest = JSON.parse(readFileSync("package.json", "utf8")) as { contributes: { languages: ManifestLanguage[] } };

describe("the kinds table", () => {
  it("is what package.json declares: one language per kind, same extensions, file names and globs", () => {
    assert.deepEqual(manifest.contributes.languages.map((l) => l.id).sort(), kindTable.map((k) => k.languageId).sort());
    for (const spec of kindTable) {
      const lang = manifest.contributes.languages.find((l) => l.id === spec.languageId);
      assert.ok(lang, spec.languageId);
      assert.deepEqual(lang.extensions ?? [], [...spec.extensions], `${spec.languageId} extensions`);
      assert.deepEqual(lang.filenames ?? [], [...spec.filenames], `${spec.languageId} filenames`);
      assert.deepEqual(lang.filenamePatterns ?? [], [...spec.filenamePatterns], `${spec.languageId} filenamePatterns`);
      assert.equal(kindOfLanguageId(spec.languageId), spec.kind);
    }
  });

  it("says which kinds are formatted, as their languages do (the server registers formatting before loading them)", () => {
    for (const spec of kindTable) assert.equal(spec.formatted, Boolean(languages[spec.kind].format), spec.kind);
  });

  it("the client's document selector is the table's languages", () => {
    const source = readFileSync("client/src/languageClient.ts", "utf8");
    assert.match(source, /documentSelector = kindTable\.map/);
  });

  it("decides kinds by path as the manifest's globs would", () => {
    const cases: [string, string | undefined][] = [
      ["/etc/systemd/system/foo.service", "systemd"],
      ["/w/run-vmblock\\x2dfuse.mount", "systemd"],
      ["/etc/systemd/system/foo.service.d/override.conf", "systemd"],
      ["/etc/systemd/system/service.d/10-all.conf", "systemd"],
      ["/etc/systemd/network/10-eth0.network", undefined],
      ["/etc/systemd/network/10-br0.netdev", undefined],
      ["/etc/systemd/network/10-eth0.link", undefined],
      ["/etc/crontab", "cron"],
      ["/w/me.crontab", "cron"],
      ["/etc/cron.d/backup", "cron"],
      ["/var/spool/cron/crontabs/alice", "cron"],
      ["/var/spool/cron/alice", "cron"],
      ["/etc/netplan/01-netcfg.yaml", "netplan"],
      ["/etc/logrotate.conf", "logrotate"],
      ["/etc/logrotate.d/nginx", "logrotate"],
      ["/srv/app/config.yaml", undefined],
      ["/srv/README.md", undefined],
    ];
    for (const [path, kind] of cases) assert.equal(kindOfPath(path), kind, path);
    assert.ok(matchesGlob("/a/b/cron.d/x", "**/cron.d/*"));
    assert.ok(!matchesGlob("/a/cron.d/b/x", "**/cron.d/*"));
  });

  it("reads content only where the name is ambiguous", () => {
    assert.equal(detectKind("/srv/net.yaml", "network:\n  version: 2\n"), "netplan");
    assert.equal(detectKind("/srv/app.yaml", "app:\n  port: 1\n"), undefined);
    assert.equal(detectKind("/srv/notes.txt", "network:\n"), undefined);
    // A file without .conf in a drop-in directory: systemd when it reads like one, so the rule can say it is never loaded.
    assert.equal(detectKind("/etc/systemd/system/nginx.service.d/override", "# limits\n\n[Service]\nLimitNOFILE=1\n"), "systemd");
    assert.equal(detectKind("/etc/systemd/system/service.d/10-x.bak", "[Unit]\n"), "systemd");
    assert.equal(detectKind("/etc/systemd/system/nginx.service.d/README", "Put overrides here.\n"), undefined);
    assert.equal(detectKind("/srv/override", "[Service]\n"), undefined);
  });

  it("lists every kind when it cannot tell", () => {
    const text = describeKinds();
    for (const kind of fileKinds) assert.match(text, new RegExp(`\\b${kind}:`));
  });

  it("deploy reads the same table", () => {
    assert.equal(deployTarget("/w/net.yaml", "system", "network:\n  version: 2\n").kind, "netplan");
    assert.throws(() => deployTarget("/w/10-eth0.network", "system"), /does not know where this file goes.*systemd →/);
    assert.throws(() => deployTarget("/w/var/spool/cron/crontabs/alice", "system"), /another user/);
  });
});
