/**
 * The Node.js flags the VS Code client starts the language server with (and the bench, to measure what users
 * run). Pure data: the client bundle imports it.
 *
 * A young generation of at most two 8 MiB semi-spaces. Node lets it grow to two of 16 MiB, and opening a
 * large unit (its whole parse survives the scavenges) grows it there at once: 16 MiB of resident memory
 * that an editor's server, which allocates in small bursts per keystroke, does not need. Measured over 200
 * edits of a 5,000-line unit (3 interleaved runs): peak RSS 109–113 -> 95–96 MiB, median latency 2.9–3.4 ->
 * 2.7–3.1 ms, p99 18.9–22.7 -> 16.7–19.9 ms, CPU per edit 4.9–5.8 -> 4.7–5.0 ms.
 */
export const languageServerNodeFlags: readonly string[] = ["--max-semi-space-size=8"];
