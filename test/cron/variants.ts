/**
 * Cron variants: the spellings users write for each part of a crontab line
 * (every time field's numbers, ranges, steps and names in any case, the
 * @shorthands, environment lines with quotes and blanks, '%' in commands,
 * CRLF, a missing final newline, a byte order mark, an overlong command),
 * each in a file of its own so that cron judges it alone. The same lines are
 * tried as user crontabs (crontab -n) and, with a user field, as system
 * crontabs (the daemon). record-cron-variants.ts records cron's verdicts;
 * variants.test.ts compares ours with them.
 */
import { crontabVerdict, daemonVerdicts } from "./cron-tools.js";

export const variantsFile = "test/fixtures/cron-differential/variants.json";

export interface VariantRecording {
  cron: string;
  /** Variant → "ok", or cron's message. */
  user: Record<string, string>;
  system: Record<string, string>;
}

const field: Record<string, string[]> = {
  minute: [
    "0",
    "59",
    "60",
    "00",
    "007",
    "-1",
    "*/5",
    "*/0",
    "*/59",
    "*/60",
    "*/61",
    "0-59",
    "59-0",
    "5-5",
    "0-59/15",
    "1,2,3",
    "1,,2",
    "1,",
    ",1",
    "1-",
    "-5",
    "~",
    "5~10",
    "~/5",
    "0~59",
    "a",
    "mon",
    "1/5",
    "*-5",
    "*/5/2",
    "1-5-7",
    "0x10",
    "5.0",
    "1-5/0",
    "?",
    "L",
    "H",
    "H/5",
    "*/5,10",
    "5,*/10",
    "1-60",
    "+5",
    "**",
    "*/*",
    "5/*",
    "0-0",
    "60-70",
    "1-5/60",
    "1-5/100",
    "01-05",
    "*/5-10",
  ],
  hour: ["0", "23", "24", "*/2", "*/24", "*/25", "0-23/6", "9-17", "17-9", "8,12,18", "25", "-0", "0-24", "*/0"],
  dom: ["0", "1", "31", "32", "L", "15W", "LW", "?", "1-31/2", "*/2", "1-31", "31-1", "0-31", "*/31", "*/32", "1L"],
  month: [
    "1",
    "12",
    "13",
    "0",
    "jan",
    "Jan",
    "JAN",
    "jAn",
    "janu",
    "january",
    "jan-mar",
    "jan-3",
    "1-mar",
    "dec-jan",
    "*/3",
    "sept",
    "jan,jul",
    "jan-dec/2",
    "jan/2",
    "*/12",
    "*/13",
    "0-12",
  ],
  dow: [
    "0",
    "7",
    "8",
    "sun",
    "Sun",
    "SUN",
    "mon-fri",
    "fri-mon",
    "5-1",
    "sun-sat",
    "1-7",
    "0-7",
    "7-0",
    "*/2",
    "mon,wed",
    "tues",
    "thu#2",
    "5L",
    "?",
    "sat-sun",
    "mon-7",
    "0-6/2",
    "*/7",
    "*/8",
    "Mon-Fri",
    "MON,WED,FRI",
    "monday",
    "mo",
    "6-7",
    "7-7",
  ],
};
const macros = [
  "@reboot",
  "@yearly",
  "@annually",
  "@monthly",
  "@weekly",
  "@daily",
  "@midnight",
  "@hourly",
  "@Daily",
  "@DAILY",
  "@every",
  "@never",
  "@5minutes",
  "@",
  "@reboot\t",
  "@daily*",
  "@ daily",
];
const envs = [
  "A=b",
  "A = b",
  'A="b c"',
  "A='b'",
  'A="b',
  "A='b",
  "A=",
  "A= ",
  'A=""',
  "A=''",
  '"A"=b',
  "'A'=b",
  "A b",
  "A=b # c",
  'A="b" x',
  'A="b"x',
  "A=$HOME",
  "1A=b",
  "A-B=c",
  "A.B=c",
  "=b",
  "A==b",
  ' A = "b" ',
  "A=b\\",
  "CRON_TZ=Europe/Paris",
  "TZ=UTC",
  "MAILTO=",
  "MAILTO=a b",
  'MAILTO=""',
  'MAILTO= ""',
  'MAILTO = ""',
  'A="b c" ',
  "A= 'b'",
  "A=b=c",
  "A =",
  "\tA=b",
  "A\t=\tb",
  'A="b\\"c"',
  "RANDOM_DELAY=5",
  "A=b c d",
  "export A=b",
  "A:b",
  "A=#b",
  'A="#b"',
  "PATH=$PATH:/opt/bin",
  "SHELL=/bin/bash",
];
const commands = [
  "echo %",
  "echo \\%",
  "echo a%b",
  "%",
  "date +%F",
  "date +\\%F",
  "echo 'a%b'",
  'echo "a%b"',
  "echo \\\\%",
  "\t/bin/true",
  "/bin/true #c",
  "/bin/true \\",
];
const long = (n: number) => `/bin/echo ${"x".repeat(n - 10)}`;

/** Variant name → the text of a user crontab. */
export function userVariants(): Record<string, string> {
  const out: Record<string, string> = {};
  const index = { minute: 0, hour: 1, dom: 2, month: 3, dow: 4 } as Record<string, number>;
  for (const [name, values] of Object.entries(field))
    for (const v of values) {
      const parts = ["*", "*", "*", "*", "*"];
      parts[index[name] as number] = v;
      out[`${name}:${JSON.stringify(v)}`] = `${parts.join(" ")} /bin/true\n`;
    }
  for (const m of macros) out[`macro:${JSON.stringify(m)}`] = `${m} /bin/true\n`;
  for (const e of envs) out[`env:${JSON.stringify(e)}`] = `${e}\n* * * * * /bin/true\n`;
  for (const c of commands) out[`command:${JSON.stringify(c)}`] = `* * * * * ${c}\n`;
  Object.assign(out, {
    "format:crlf": "* * * * * /bin/true\r\n",
    "format:crlf-env": "A=b\r\n* * * * * /bin/true\r\n",
    "format:crlf-comment": "# c\r\n* * * * * /bin/true\n",
    "format:crlf-blank": "\r\n* * * * * /bin/true\n",
    "format:no-final-newline": "* * * * * /bin/true",
    "format:no-final-newline-comment": "* * * * * /bin/true\n# end",
    "format:no-final-newline-blanks": "* * * * * /bin/true\n  ",
    "format:tabs": "*\t*\t*\t*\t*\t/bin/true\n",
    "format:leading-blanks": "   * * * * * /bin/true\n",
    "format:indented-comment": "   # c\n* * * * * /bin/true\n",
    "format:only-comment": "# nothing\n",
    "format:empty": "",
    "format:byte-order-mark": "\uFEFF* * * * * /bin/true\n",
    "format:byte-order-mark-comment": "\uFEFF# c\n* * * * * /bin/true\n",
    "format:byte-order-mark-env": "\uFEFFA=b\n* * * * * /bin/true\n",
    "format:command-998-bytes": `* * * * * ${long(998)}\n`,
    "format:command-999-bytes": `* * * * * ${long(999)}\n`,
    "format:command-998-bytes-crlf": `* * * * * ${long(998)}\r\n`,
    "format:seconds-field": "0 * * * * * /bin/true\n",
    "format:four-fields": "* * * * /bin/true\n",
    "format:text-after-field": "* * * * *x /bin/true\n",
  });
  return out;
}

/** The user variants with a user field (root) before the command, and the user field's own spellings. */
export function systemVariants(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, text] of Object.entries(userVariants())) out[k] = text.replace(/(\/bin\/(true|echo)|echo|date|%$)/, "root $1");
  Object.assign(out, {
    "user:none": "* * * * * /bin/true\n",
    "user:only": "* * * * * root\n",
    "user:tabs": "* * * * *\troot\t/bin/true\n",
    "user:after-shorthand": "@reboot root /bin/true\n",
    "user:none-after-shorthand": "@reboot /bin/true\n",
    "user:digit": "* * * * * 0 /bin/true\n",
    "user:with-group": "* * * * * root:root /bin/true\n",
    "user:command-name": "* * * * * python /bin/true\n",
  });
  return out;
}

/** cron's verdict on every variant: "ok" or its message (needs Debian's cron; the daemon needs root and unshare). */
export function judgeVariants(): Omit<VariantRecording, "cron"> {
  const user = Object.fromEntries(
    Object.entries(userVariants()).map(([k, text]) => {
      const v = crontabVerdict(text);
      return [k, v.accepted ? "ok" : (v.message ?? "rejected")];
    }),
  );
  const daemon = daemonVerdicts(systemVariants());
  const system = Object.fromEntries(Object.entries(daemon).map(([k, v]) => [k, v.accepted ? "ok" : (v.message ?? "rejected")]));
  return { user, system };
}
