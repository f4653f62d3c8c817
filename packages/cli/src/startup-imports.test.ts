import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));

/** The CLI's own modules (not tests), relative to src/. */
function sources(dir = here): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path.relative(here, full)] : [];
  });
}

/** Import statements that load something at run time (not `import type`), with their specifier. */
function valueImports(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s+(?!type\b)([^;]*?)\s+from\s+"([^"]+)";/gms)) {
    const names = match[1] ?? "";
    // `import { type A, type B } from` loads nothing either
    const specifiers = /^\{([^}]*)\}$/.exec(names.trim())?.[1];
    if (specifiers?.split(",").every((s) => /^\s*(type\s|$)/.test(s))) continue;
    found.push(match[2] as string);
  }
  return found;
}

describe("what `pg-flux --help` loads", () => {
  it("the CLI imports core's planner only through renderers.ts, which loadEngine() loads; engine, inspector and parser never statically", () => {
    const offenders: string[] = [];
    for (const file of sources()) {
      const text = readFileSync(path.join(here, file), "utf8");
      for (const specifier of valueImports(text)) {
        const heavy =
          (specifier === "@pg-flux/core" && file !== "renderers.ts") ||
          /^@pg-flux\/(engine|inspector|parser)$/.test(specifier) ||
          specifier === "libpg-query" ||
          specifier === "typescript" ||
          specifier === "pg";
        if (heavy) offenders.push(`${file}: ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("the check sees a value import, and not a type-only one", () => {
    expect(valueImports('import { EXIT, type Plan } from "@pg-flux/core";')).toEqual(["@pg-flux/core"]);
    expect(valueImports('import { type Plan } from "@pg-flux/core";')).toEqual([]);
    expect(valueImports('import type { Plan } from "@pg-flux/core";')).toEqual([]);
  });
});
