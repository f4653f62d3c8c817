import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { canonical, DesiredCache } from "./desired-cache.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function cacheDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pgflux-cache-unit-"));
  dirs.push(dir);
  return path.join(dir, ".pg-flux-cache");
}

const entries = (dir: string) => readdirSync(dir).filter((name) => name.endsWith(".json.gz"));

describe("DesiredCache", () => {
  it("returns what was stored under an equal key, whatever the order of its fields", () => {
    const cache = new DesiredCache({ dir: cacheDir() });
    cache.write({ a: 1, b: [{ x: 1, y: 2 }] }, { state: "s" });
    expect(cache.read({ b: [{ y: 2, x: 1 }], a: 1 })).toEqual({ state: "s" });
    expect(cache.read({ a: 2, b: [{ x: 1, y: 2 }] })).toBeUndefined();
    expect(canonical({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
  });

  it("creates its folder ignored by git, with a cache tag", () => {
    const dir = cacheDir();
    new DesiredCache({ dir }).write({ k: 1 }, 1);
    expect(readFileSync(path.join(dir, ".gitignore"), "utf8")).toMatch(/^\*$/m);
    expect(readFileSync(path.join(dir, "CACHEDIR.TAG"), "utf8")).toMatch(
      /^Signature: 8a477f597d28d172789f06886806bc55/,
    );
  });

  it("an entry that does not read back is a miss and is removed", () => {
    const dir = cacheDir();
    const cache = new DesiredCache({ dir });
    cache.write({ k: 1 }, 1);
    const [entry] = entries(dir);
    writeFileSync(path.join(dir, entry as string), "truncated");
    expect(cache.read({ k: 1 })).toBeUndefined();
    expect(entries(dir)).toEqual([]);
  });

  it("an entry that is valid gzip and JSON but not an entry (null, a number) is a miss, not a crash", () => {
    const dir = cacheDir();
    const cache = new DesiredCache({ dir });
    cache.write({ k: 1 }, 1);
    const [entry] = entries(dir);
    for (const text of ["null", "42", '"text"', "[]"]) {
      writeFileSync(path.join(dir, entry as string), gzipSync(text));
      expect(cache.read({ k: 1 })).toBeUndefined();
    }
  });

  it("a cache folder that is a file, or cannot be read, is a miss, not a crash", () => {
    const dir = cacheDir();
    writeFileSync(dir, "not a folder");
    const cache = new DesiredCache({ dir });
    expect(cache.read({ k: 1 })).toBeUndefined();
    expect(() => cache.write({ k: 1 }, 1)).toThrow(); // loadDesiredState turns this into a warning
  });

  it("an entry holding another key (a file copied under another name) or another format is a miss", () => {
    const dir = cacheDir();
    const cache = new DesiredCache({ dir });
    cache.write({ k: 1 }, "one");
    cache.write({ k: 2 }, "two");
    const [first, second] = entries(dir) as [string, string];
    const one = readFileSync(path.join(dir, first));
    writeFileSync(path.join(dir, second), one);
    const values = [cache.read({ k: 1 }), cache.read({ k: 2 })];
    expect(values.filter((value) => value !== undefined)).toHaveLength(1);
    writeFileSync(
      path.join(dir, first),
      gzipSync(JSON.stringify({ format: 0, key: { k: 1 }, value: "old" })),
    );
    writeFileSync(
      path.join(dir, second),
      gzipSync(JSON.stringify({ format: 0, key: { k: 2 }, value: "old" })),
    );
    expect(cache.read({ k: 1 })).toBeUndefined();
    expect(cache.read({ k: 2 })).toBeUndefined();
  });

  it("keeps within its size bound by removing the least recently used entries", () => {
    const dir = cacheDir();
    // incompressible values of ~4 KB each, a bound for about two of them
    const value = (seed: number) =>
      Array.from({ length: 500 }, (_, i) => ((i * 7919 + seed * 104729) % 1_000_003).toString(36));
    const probe = new DesiredCache({ dir });
    probe.write({ k: 0 }, value(0));
    const size = readdirSync(dir)
      .filter((name) => name.endsWith(".json.gz"))
      .map((name) => readFileSync(path.join(dir, name)).length)[0] as number;
    rmSync(dir, { recursive: true, force: true });
    const cache = new DesiredCache({ dir, maxBytes: Math.floor(size * 2.5) });
    cache.write({ k: 1 }, value(1));
    cache.write({ k: 2 }, value(2));
    // k:1 is used again, so k:2 is now the least recently used
    const old = new Date(Date.now() - 60_000);
    for (const name of entries(dir)) utimesSync(path.join(dir, name), old, old);
    expect(cache.read({ k: 1 })).toEqual(value(1));
    cache.write({ k: 3 }, value(3));
    expect(entries(dir)).toHaveLength(2);
    expect(cache.read({ k: 2 })).toBeUndefined();
    expect(cache.read({ k: 1 })).toEqual(value(1));
    expect(cache.read({ k: 3 })).toEqual(value(3));
  });

  it("does not store an entry larger than the bound", () => {
    const dir = cacheDir();
    const cache = new DesiredCache({ dir, maxBytes: 10 });
    cache.write({ k: 1 }, "x".repeat(1000));
    expect(cache.read({ k: 1 })).toBeUndefined();
  });
});
