import { describe, expect, it } from "vitest";
import { PgFluxError } from "../../errors.js";
import { ids } from "../../model/ids.js";
import type { Collation, Dependency, SchemaState } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState, table } from "../testing.js";
import { renderCreateCollation, renderDropCollation } from "./collation.render.js";

function collation(extra: Partial<Collation> = {}): Collation {
  return {
    kind: "collation",
    id: ids.collation("public", "case_insensitive"),
    schema: "public",
    name: "case_insensitive",
    provider: "icu",
    locale: "und-u-ks-level2",
    lcCollate: null,
    lcCtype: null,
    deterministic: false,
    rules: null,
    owner: "postgres",
    comment: null,
    ...extra,
  };
}

const users = table("public", "users", [["email", "text", { collation: '"public"."case_insensitive"' }]]);
const usesIt: Dependency = { dependent: "column:public.users.email", referenced: collation().id };

/** makeState does not know collations (yet): added here. */
function state(list: readonly Collation[], withUsers = false): SchemaState {
  const base = makeState(withUsers ? { tables: [users] } : {}, withUsers ? { dependencies: [usesIt] } : {});
  return { ...base, collations: Object.fromEntries(list.map((c) => [c.id, c])) };
}

const sql = (current: SchemaState, desired: SchemaState) => plan(current, desired).steps.map((s) => s.sql);

describe("collation render", () => {
  it("ICU, libc and builtin; defaults left out", () => {
    expect(renderCreateCollation(collation())).toBe(
      "CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);",
    );
    expect(
      renderCreateCollation(
        collation({
          schema: "app",
          name: "French",
          provider: "libc",
          locale: null,
          lcCollate: "fr_FR.utf8",
          lcCtype: "fr_FR.utf8",
          deterministic: true,
        }),
      ),
    ).toBe(
      "CREATE COLLATION app.\"French\" (provider = libc, lc_collate = 'fr_FR.utf8', lc_ctype = 'fr_FR.utf8');",
    );
    expect(renderCreateCollation(collation({ rules: "&a < b", deterministic: true }))).toBe(
      "CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', rules = '&a < b');",
    );
    expect(renderDropCollation(collation())).toBe("DROP COLLATION case_insensitive;");
  });
});

describe("collation plans", () => {
  it("created before the table whose column uses it, with its comment", () => {
    expect(sql(makeState({}), state([collation({ comment: "emails" })], true))).toEqual([
      "CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);",
      'CREATE TABLE users (\n  email text COLLATE "public"."case_insensitive"\n);',
      "COMMENT ON COLLATION case_insensitive IS 'emails';",
    ]);
  });

  it("dropped after the table that used it", () => {
    expect(sql(state([collation()], true), makeState({}))).toEqual([
      "DROP TABLE users;",
      "DROP COLLATION case_insensitive;",
    ]);
  });

  it("a changed collation nothing uses is dropped and created again", () => {
    expect(sql(state([collation()]), state([collation({ deterministic: true })]))).toEqual([
      "DROP COLLATION case_insensitive;",
      "CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2');",
    ]);
  });

  it("a changed collation in use is refused, with the way out", () => {
    let error: unknown;
    try {
      plan(state([collation()], true), state([collation({ deterministic: true })], true));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PgFluxError);
    expect((error as PgFluxError).message).toBe(
      "cannot change collation public.case_insensitive (icu 'und-u-ks-level2' nondeterministic → icu 'und-u-ks-level2'): column:public.users.email uses it, and PostgreSQL has no ALTER for a collation's definition",
    );
  });

  it("unchanged: nothing to do", () => {
    expect(sql(state([collation()], true), state([collation()], true))).toEqual([]);
  });
});
