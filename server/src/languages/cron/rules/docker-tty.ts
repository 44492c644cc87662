import { runsAtAll, shellPart } from "../command.js";
import type { CronRule } from "../rule.js";
import { commandWords, type ShellToken, type ShellWord } from "../shell.js";

/** docker's global options that take the next word as their value (`docker --context prod exec ...`). */
const globalValueOptions = new Set([
  "-c",
  "--context",
  "-H",
  "--host",
  "--config",
  "-l",
  "--log-level",
  "--tlscacert",
  "--tlscert",
  "--tlskey",
]);
/** Short options of `docker run`/`docker exec` that take a value (the rest of the cluster, or the next word). */
const shortValueOptions = new Set(["a", "c", "e", "h", "l", "m", "p", "u", "v", "w"]);
/** Long options of `docker run`/`docker exec` that take the next word as their value. */
const longValueOptions = new Set(
  [
    "add-host attach blkio-weight cap-add cap-drop cgroup-parent cgroupns cidfile cpu-period cpu-quota cpu-shares cpus cpuset-cpus",
    "cpuset-mems detach-keys device dns dns-option dns-search domainname entrypoint env env-file expose gpus group-add health-cmd",
    "health-interval health-retries health-start-period health-timeout hostname ip ip6 ipc isolation kernel-memory label label-file",
    "link log-driver log-opt mac-address memory memory-reservation memory-swap mount name network network-alias pid pids-limit",
    "platform publish pull restart runtime security-opt shm-size stop-signal stop-timeout storage-opt sysctl tmpfs ulimit user",
    "userns uts volume volume-driver volumes-from workdir",
  ]
    .join(" ")
    .split(" ")
    .map((o) => `--${o}`),
);

interface TtyFlags {
  interactive: boolean;
  tty: boolean;
  detach: boolean;
  /** The word that asks for the terminal (`-it`, `--tty`). */
  ttyWord?: ShellWord;
}

/** The -i/-t/-d options of a `docker run` or `docker exec` whose options start at `words[0]`, up to the image or container. */
function ttyFlags(words: ShellWord[]): TtyFlags {
  const flags: TtyFlags = { interactive: false, tty: false, detach: false };
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as ShellWord;
    const text = w.text;
    if (!text.startsWith("-") || text === "-") break;
    if (text === "--") break;
    if (text.startsWith("--")) {
      const [name, value] = text.split("=", 2) as [string, string | undefined];
      const on = value === undefined || value === "true";
      if (name === "--interactive") flags.interactive = on;
      else if (name === "--tty") {
        flags.tty = on;
        if (on) flags.ttyWord = w;
      } else if (name === "--detach") flags.detach = on;
      else if (value === undefined && longValueOptions.has(name)) i++;
      continue;
    }
    for (let k = 1; k < text.length; k++) {
      const letter = text[k] as string;
      if (letter === "i") flags.interactive = true;
      else if (letter === "t") {
        flags.tty = true;
        flags.ttyWord = w;
      } else if (letter === "d") flags.detach = true;
      else if (shortValueOptions.has(letter)) {
        // `-u root`: the value is the next word; `-uroot`: the rest of this one.
        if (k === text.length - 1) i++;
        break;
      }
    }
  }
  return flags;
}

const separators = new Set([";", "&&", "||", "|", "&", "|&", "(", ")", ";;"]);

/** The words of the simple command that starts with `first`, up to the next operator; redirections and their targets left out. */
function argumentsOf(tokens: ShellToken[], first: ShellWord): ShellWord[] {
  const out: ShellWord[] = [];
  let skipTarget = false;
  for (const t of tokens) {
    if (t.start <= first.start) continue;
    if (t.kind === "op") {
      if (separators.has(t.text)) break;
      skipTarget = /[<>|]$/.test(t.text);
      continue;
    }
    if (skipTarget) skipTarget = false;
    else out.push(t);
  }
  return out;
}

export const dockerTty: CronRule = {
  meta: {
    id: "cron/docker-tty",
    severity: "warning",
    doc: "`docker exec -it` or `docker run -it` in a cron job: cron starts jobs without a terminal, and docker refuses to attach a terminal (-t) to input (-i) that is not one ('the input device is not a TTY'), so the job fails on every run. Drop -t (and -i unless the command reads standard input).",
  },
  check(ctx, report) {
    for (const info of ctx.jobs) {
      if (!runsAtAll(info)) continue;
      const { shell } = shellPart(info);
      for (const w of commandWords(shell)) {
        if (w.text !== "docker" && !w.text.endsWith("/docker")) continue;
        const args = argumentsOf(shell.tokens, w);
        let k = 0;
        while (k < args.length && (args[k] as ShellWord).text.startsWith("-"))
          k += globalValueOptions.has((args[k] as ShellWord).text) ? 2 : 1;
        if (args[k]?.text === "container") k++;
        const sub = args[k]?.text;
        if (sub !== "run" && sub !== "exec") continue;
        const flags = ttyFlags(args.slice(k + 1));
        if (!flags.interactive || !flags.tty || flags.detach || !flags.ttyWord) continue;
        const word = flags.ttyWord;
        const cluster = /^-[a-zA-Z]*t[a-zA-Z]*$/.test(word.text) ? word.text.replace("t", "") : undefined;
        report(
          ctx.lineRange(info.job, info.commandStart + word.start, info.commandStart + word.end),
          `cron runs jobs without a terminal: 'docker ${sub}' with -i and -t fails on every run ('the input device is not a TTY'). Drop -t${cluster && cluster !== "-" ? ` (write '${cluster}')` : ""}; keep -i only if the command reads standard input.`,
          cluster
            ? [
                {
                  title: cluster === "-" ? "Remove -t" : `Write '${cluster}'`,
                  edits: [
                    {
                      range: ctx.lineRange(info.job, info.commandStart + word.start, info.commandStart + word.end),
                      newText: cluster === "-" ? "" : cluster,
                    },
                  ],
                  preferred: true,
                },
              ]
            : undefined,
        );
      }
    }
  },
};
