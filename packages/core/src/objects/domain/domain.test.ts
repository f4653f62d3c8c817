import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { DomainType } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState, table } from "../testing.js";
import { renderCreateDomain, renderDomainDefault } from "./domain.render.js";

function domain(extra: Partial<DomainType> = {}): DomainType {
  return {
    kind: "domain",
    id: ids.type("public", "email"),
    schema: "public",
    name: "email",
    baseType: "text",
    default: null,
    notNull: false,
    collation: null,
    checks: [],
    owner: "postgres",
    comment: null,
    privileges: [{ grantee: "PUBLIC", privilege: "USAGE", grantable: false }],
    ...extra,
  };
}
const hasAt = { name: "has_at", expression: "(VALUE ~~ '%@%'::text)", validated: true };
const users = table("public", "users", [
  [
    "email",
    "text",
    {
      type: {
        text: "public.email",
        schema: "public",
        name: "email",
        typmod: -1,
        arrayDimensions: 0,
        category: "S",
        storage: "extended",
      },
    },
  ],
]);

describe("domain renderers", () => {
  it("renders CREATE DOMAIN and ALTER DOMAIN", () => {
    expect(renderCreateDomain(domain({ notNull: true, default: "'x@y'::text", checks: [hasAt] }))).toBe(
      "CREATE DOMAIN email AS text DEFAULT 'x@y'::text NOT NULL CONSTRAINT has_at CHECK (VALUE ~~ '%@%'::text);",
    );
    expect(renderDomainDefault({ schema: "app", name: "email" }, null)).toBe(
      "ALTER DOMAIN app.email DROP DEFAULT;",
    );
  });
});

describe("domain plans", () => {
  it("adds a check NOT VALID then validates it in autocommit; drops and sets in place", () => {
    const result = plan(
      makeState({ types: [domain({ default: "'a'::text", checks: [{ ...hasAt, name: "old" }] })] }),
      makeState({ types: [domain({ notNull: true, checks: [hasAt] })] }),
    );
    expect(result.steps.map((s) => s.sql)).toEqual([
      "ALTER DOMAIN email DROP CONSTRAINT old;",
      "ALTER DOMAIN email DROP DEFAULT;",
      "ALTER DOMAIN email SET NOT NULL;",
      "ALTER DOMAIN email ADD CONSTRAINT has_at CHECK (VALUE ~~ '%@%'::text) NOT VALID;",
      "ALTER DOMAIN email VALIDATE CONSTRAINT has_at;",
    ]);
    expect(result.groups.at(-1)).toEqual({ transaction: "autocommit", steps: [4] });
    const plain = plan(
      makeState({ types: [domain()] }),
      makeState({ types: [domain({ checks: [hasAt] })] }),
      {
        options: { autoNotValid: false },
      },
    );
    expect(plain.steps.map((s) => s.sql)).toEqual([
      "ALTER DOMAIN email ADD CONSTRAINT has_at CHECK (VALUE ~~ '%@%'::text);",
    ]);
  });

  it("recreates a domain whose base type changes, converting its columns", () => {
    const result = plan(
      makeState({ types: [domain()], tables: [users] }),
      makeState({ types: [domain({ baseType: "character varying(320)" })], tables: [users] }),
    );
    expect(result.steps.map((s) => s.sql)).toEqual([
      "CREATE DOMAIN email_new AS character varying(320);",
      "ALTER TABLE users ALTER COLUMN email TYPE email_new USING email::email_new;",
      "DROP DOMAIN email;",
      "ALTER DOMAIN email_new RENAME TO email;",
    ]);
    expect(result.steps[1]?.hazards.map((h) => h.kind)).toEqual(["DATA_LOSS", "TABLE_REWRITE", "LONG_LOCK"]);
  });

  it("creates a domain before the table that uses it", () => {
    const result = plan(makeState({}), makeState({ types: [domain()], tables: [users] }));
    expect(result.steps.map((s) => s.kind)).toEqual(["create_domain", "create_table"]);
  });
});
