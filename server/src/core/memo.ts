/**
 * A cache of a pure function's results by string key that outlives one check:
 * after a one-line edit every other line's value is asked for again and found.
 *
 * Two generations instead of a least-recently-used list: a document is checked
 * top to bottom, and a cyclic walk over more keys than an LRU holds misses on
 * every key. Here a key found in the older generation moves to the current
 * one; when the current one is full it becomes the older one and the oldest is
 * dropped whole. Memory stays bounded by `maxKeys` and by the total length of
 * the keys (values can be 64 KiB long).
 */
/**
 * A copy of a string that shares no memory with the text it was cut from: V8 keeps a substring as a
 * view into its parent, so a value kept in a cache would keep the whole document it came from alive
 * (one document text per edit). Used on a cache miss only.
 */
export function detached(s: string): string {
  // V8 copies a substring or a concatenation shorter than 13 characters (SlicedString and ConsString have that
  // minimum length): only a longer string can be a view into a document. Most values are shorter.
  if (s.length < 13) return s;
  return JSON.parse(JSON.stringify(s)) as string;
}

export class GenerationalCache<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();
  private currentChars = 0;

  constructor(
    private readonly maxKeys = 20_000,
    private readonly maxChars = 4 * 1024 * 1024,
  ) {}

  get(key: string): V | undefined {
    const hit = this.current.get(key);
    if (hit !== undefined) return hit;
    const old = this.previous.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: string, value: V): void {
    this.current.set(key, value);
    this.currentChars += key.length;
    if (this.current.size >= this.maxKeys || this.currentChars >= this.maxChars) {
      this.previous = this.current;
      this.current = new Map();
      this.currentChars = 0;
    }
  }

  clear(): void {
    this.current.clear();
    this.previous.clear();
    this.currentChars = 0;
  }
}

/** `fn` with its results kept by argument (see GenerationalCache); `fn` must be pure and its results never changed by callers. */
export function memoizeByString<V>(fn: (key: string) => V, maxKeys?: number): (key: string) => V {
  const cache = new GenerationalCache<V>(maxKeys);
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = fn(key);
      cache.set(key, value);
    }
    return value;
  };
}

/**
 * Results by a scope (a few in use: a target version and unit type), a string
 * (a value: its hash is kept on the string, so asking twice for the same
 * string costs one hash), then an object (a directive). The strings are
 * bounded as in GenerationalCache.
 */
export class ScopedValueCache<K extends object, V> {
  private readonly scopes = new Map<string, GenerationalCache<ValueSlot<K, V>>>();
  private lastScope: string | undefined;
  private lastByValue: GenerationalCache<ValueSlot<K, V>> | undefined;

  /** `compute` gets a detached copy of `value` (see detached()), so what it returns holds no document text either. */
  get(scope: string, value: string, key: K, compute: (value: string) => V): V {
    // One scope is asked for over and over (every value of a document): compared, not hashed again.
    let byValue = scope === this.lastScope ? this.lastByValue : this.scopes.get(scope);
    if (!byValue) {
      byValue = new GenerationalCache();
      this.scopes.set(scope, byValue);
    }
    this.lastScope = scope;
    this.lastByValue = byValue;
    const slot = byValue.get(value);
    if (!slot) {
      const own = detached(value);
      const result = compute(own);
      byValue.set(own, { key, result });
      return result;
    }
    if (slot.key === key) return slot.result;
    let result = slot.more?.get(key);
    if (result === undefined) {
      result = compute(detached(value));
      slot.more ??= new Map();
      slot.more.set(key, result);
    }
    return result;
  }
}

/**
 * The results for one value: the first key's kept inline, since nearly every value is asked about under one
 * directive only (a map for each of the 4,000 values of a large unit held 2 MiB); the other keys' in a map.
 */
interface ValueSlot<K, V> {
  readonly key: K;
  readonly result: V;
  more?: Map<K, V>;
}
