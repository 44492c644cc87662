import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { detached, GenerationalCache, ScopedValueCache } from "../../server/src/core/memo.js";

describe("ScopedValueCache", () => {
  const directiveA = { name: "A" };
  const directiveB = { name: "B" };

  function counting() {
    const calls: string[] = [];
    const cache = new ScopedValueCache<object, string>();
    const ask = (scope: string, value: string, key: { name: string }) =>
      cache.get(scope, value, key, (v) => {
        calls.push(`${scope}|${v}|${key.name}`);
        return `${key.name}(${v})@${scope}`;
      });
    return { calls, ask };
  }

  it("computes a value once per scope and key, and answers again from the cache", () => {
    const { calls, ask } = counting();
    assert.equal(ask("s1", "5s", directiveA), "A(5s)@s1");
    assert.equal(ask("s1", "5s", directiveA), "A(5s)@s1");
    assert.deepEqual(calls, ["s1|5s|A"]);
  });

  it("keeps the results of a second and third key for the same value apart from the first", () => {
    const { calls, ask } = counting();
    assert.equal(ask("s1", "yes", directiveA), "A(yes)@s1");
    assert.equal(ask("s1", "yes", directiveB), "B(yes)@s1");
    assert.equal(ask("s1", "yes", directiveA), "A(yes)@s1");
    assert.equal(ask("s1", "yes", directiveB), "B(yes)@s1");
    assert.deepEqual(calls, ["s1|yes|A", "s1|yes|B"]);
  });

  it("keeps scopes apart", () => {
    const { calls, ask } = counting();
    assert.equal(ask("s1", "x", directiveA), "A(x)@s1");
    assert.equal(ask("s2", "x", directiveA), "A(x)@s2");
    assert.equal(ask("s1", "x", directiveA), "A(x)@s1");
    assert.deepEqual(calls, ["s1|x|A", "s2|x|A"]);
  });
});

describe("GenerationalCache", () => {
  it("keeps a key that is asked for again when its generation is dropped", () => {
    const cache = new GenerationalCache<number>(2);
    cache.set("a", 1);
    cache.set("b", 2); // full: a and b are now the older generation
    assert.equal(cache.get("a"), 1); // a moves to the current generation
    cache.set("c", 3); // full again: b's generation is dropped
    assert.equal(cache.get("a"), 1);
    assert.equal(cache.get("b"), undefined);
    assert.equal(cache.get("c"), 3);
  });
});

describe("detached", () => {
  it("returns an equal string", () => {
    const text = `${"x".repeat(20)}Environment=A_LONG_VALUE_OF_A_DOCUMENT`;
    const cut = text.slice(20);
    assert.equal(detached(cut), cut);
    assert.equal(detached("short"), "short");
  });
});
