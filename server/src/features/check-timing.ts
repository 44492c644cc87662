import type { EventEmitter } from "node:events";

/**
 * How long the server takes to answer a change with diagnostics, measured inside the server: from the
 * moment the bytes of the change were read to the moment its diagnostics were handed to the transport.
 * A client that times the round trip measures the pipes, the scheduler and itself too; on a shared
 * 2-core machine those make most of the slow tail (see `npm run bench`, "transport floor").
 *
 * Opt-in (ETCETERA_TRACE_TIMING=1): each check logs one `timing <uri> v<version> <ms>` line. Off, it
 * adds nothing to a check.
 */
export interface CheckTiming {
  /** The document was changed (its new version is known now); the change was read at the last input. */
  changed(uri: string, version: number): void;
  /** The diagnostics of this version were sent. */
  published(uri: string, version: number): void;
}

const off: CheckTiming = { changed() {}, published() {} };

export function checkTiming(enabled: boolean, input: EventEmitter, inputEvent: string, log: (line: string) => void): CheckTiming {
  if (!enabled) return off;
  let lastInputAt = performance.now();
  // First among the listeners: the time is taken before the transport parses the message.
  input.prependListener(inputEvent, () => {
    lastInputAt = performance.now();
  });
  const readAt = new Map<string, { version: number; at: number }>();
  return {
    changed(uri, version) {
      // Changes read together are checked once; the first of them started the wait.
      const earlier = readAt.get(uri);
      readAt.set(uri, { version, at: earlier ? earlier.at : lastInputAt });
    },
    published(uri, version) {
      const read = readAt.get(uri);
      if (!read || read.version !== version) return;
      readAt.delete(uri);
      log(`timing ${uri} v${version} ${(performance.now() - read.at).toFixed(3)}`);
    },
  };
}
