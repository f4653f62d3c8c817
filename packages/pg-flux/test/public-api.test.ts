import * as ledger from "@pg-flux/ledger";
import * as library from "pg-flux";
import { describe, expect, it } from "vitest";

describe("the pg-flux package's API", () => {
  it("re-exports every value of @pg-flux/ledger (push, the ledger, flux.json targets)", () => {
    const reexported = library as unknown as Record<string, unknown>;
    const missing = Object.entries(ledger)
      .filter(([name, value]) => reexported[name] !== value)
      .map(([name]) => name);
    expect(Object.keys(ledger).length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});
