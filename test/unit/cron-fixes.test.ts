import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyEdits } from "../helpers/language.js";
import { lintText } from "../helpers/lint.js";

/** The text after applying the fix titled `title` (or the preferred one) of the first `rule` diagnostic. */
function fixed(path: string, text: string, rule: string, title?: string): string {
  const d = lintText(path, text, undefined, "cron").find((x) => x.rule === rule);
  assert.ok(d, `no ${rule} on ${JSON.stringify(text)}`);
  const fix = title ? d.fixes?.find((f) => f.title.startsWith(title)) : (d.fixes?.find((f) => f.preferred) ?? d.fixes?.[0]);
  assert.ok(fix, `no fix${title ? ` '${title}'` : ""} for ${rule}: ${d.fixes?.map((f) => f.title).join(", ")}`);
  const out = applyEdits(text, fix.edits);
  // A fix must leave nothing for the same rule to say on that line.
  assert.ok(!lintText(path, out, undefined, "cron").some((x) => x.rule === rule && x.range.start.line === d.range.start.line), out);
  return out;
}

const user = "/var/spool/cron/crontabs/me";
const system = "/etc/cron.d/jobs";

describe("cron quick fixes", () => {
  it("removes the user field of a user crontab", () => {
    assert.equal(fixed(user, "0 2 * * * root /opt/backup.sh\n", "cron/user-field"), "0 2 * * * /opt/backup.sh\n");
    assert.equal(fixed(user, "@daily\twww-data\t/usr/bin/php x.php\n", "cron/user-field"), "@daily\t/usr/bin/php x.php\n");
  });

  it("comments out a job whose command starts with '#'", () => {
    assert.equal(fixed(user, "0 2 * * * #/opt/backup.sh\n", "cron/commented-command"), "# 0 2 * * * #/opt/backup.sh\n");
    assert.equal(fixed(system, "  0 2 * * * root # x\n", "cron/commented-command"), "  # 0 2 * * * root # x\n");
  });

  it("moves a comment to its own line", () => {
    assert.equal(fixed(user, "0 2 * * * /opt/a && # /opt/b\n", "cron/comment-cuts-command"), "# /opt/b\n0 2 * * * /opt/a\n");
    assert.equal(fixed(user, "0 2 * * * /opt/a; # /opt/b; /opt/c\n", "cron/comment-cuts-command"), "# /opt/b; /opt/c\n0 2 * * * /opt/a;\n");
    assert.equal(fixed(user, "MAILTO=ops@example.com  # team\nx=1\n", "cron/env-inline-comment"), "# team\nMAILTO=ops@example.com\nx=1\n");
  });

  it("joins MAILTO recipients with bare commas, keeping the quotes", () => {
    assert.equal(
      fixed(user, 'MAILTO="a@example.com, b@example.com"\n', "cron/unsafe-mail-address"),
      'MAILTO="a@example.com,b@example.com"\n',
    );
    assert.equal(fixed(user, "MAILTO=a@example.com ,b@example.com\n", "cron/unsafe-mail-address"), "MAILTO=a@example.com,b@example.com\n");
    const named = lintText(user, "MAILTO=Ops <ops@example.com>\n", undefined, "cron").find((d) => d.rule === "cron/unsafe-mail-address");
    assert.equal(named?.fixes, undefined, "no fix when a name or brackets would remain");
  });

  it("writes the full path of an sbin command, or adds a PATH= line", () => {
    assert.equal(fixed(user, "0 5 * * * service nginx reload\n", "cron/command-not-on-path"), "0 5 * * * /usr/sbin/service nginx reload\n");
    assert.equal(
      fixed(user, "# my jobs\nMAILTO=me\n0 5 * * * service nginx reload\n", "cron/command-not-on-path", "Add PATH="),
      "# my jobs\nPATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin\nMAILTO=me\n0 5 * * * service nginx reload\n",
    );
    assert.equal(fixed(system, "0 4 * * 0 root fstrim -a\n", "cron/command-not-on-path"), "0 4 * * 0 root /sbin/fstrim -a\n");
  });

  it("writes PATH out in full instead of $PATH", () => {
    assert.equal(fixed(user, "PATH=$PATH:/opt/bin\n", "cron/env-not-expanded"), "PATH=/usr/bin:/bin:/opt/bin\n");
    assert.equal(
      fixed(user, "PATH=/usr/local/bin:/usr/bin:/bin\nPATH=$\u{7b}PATH}:/opt/bin\n", "cron/env-not-expanded"),
      "PATH=/usr/local/bin:/usr/bin:/bin\nPATH=/usr/local/bin:/usr/bin:/bin:/opt/bin\n",
    );
  });

  it("rewrites bash-only syntax for dash", () => {
    assert.equal(fixed(user, "0 2 * * * /opt/a &> /tmp/log\n", "cron/bash-syntax"), "0 2 * * * /opt/a > /tmp/log 2>&1\n");
    assert.equal(fixed(user, "0 2 * * * /opt/a &>>/tmp/log\n", "cron/bash-syntax"), "0 2 * * * /opt/a >>/tmp/log 2>&1\n");
    assert.equal(fixed(user, "0 2 * * * source /opt/env; /opt/a\n", "cron/bash-syntax"), "0 2 * * * . /opt/env; /opt/a\n");
    assert.equal(
      fixed(user, "0 2 * * * [[ -f /x ]] && /opt/a\n", "cron/bash-syntax", "Add SHELL"),
      "SHELL=/bin/bash\n0 2 * * * [[ -f /x ]] && /opt/a\n",
    );
  });

  it("fixes MAILTO typos, quotes, an unchecked cd and a bare '*' minute", () => {
    assert.equal(fixed(user, "MAIL_TO=ops@example.com\n", "cron/mailto-typo"), "MAILTO=ops@example.com\n");
    assert.equal(fixed(user, 'PATH=/usr/bin:/bin:"/opt/my tools"\n', "cron/env-quotes-kept"), 'PATH="/usr/bin:/bin:/opt/my tools"\n');
    assert.equal(fixed(user, "0 2 * * * cd /srv; rm -rf tmp\n", "cron/unchecked-cd"), "0 2 * * * cd /srv && rm -rf tmp\n");
    assert.equal(fixed(user, "* */2 * * * /opt/report\n", "cron/every-minute"), "0 */2 * * * /opt/report\n");
  });
});
