import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { Dependency, SchemaState } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState, table, view } from "../testing.js";
import { renamedRuleRelation } from "./rule.kind.js";
import { type Rule, ruleId } from "./rule.model.js";
import { renderAlterRule, renderCreateRule, renderDropRule, ruleTarget } from "./rule.render.js";

const audit = table("public", "audit", [["id", "integer"]]);
const log = table("public", "audit_log", [["id", "integer"]]);

function rule(extra: Partial<Rule> = {}): Rule {
  const base = {
    kind: "rule" as const,
    schema: "public",
    relation: "audit",
    relationId: audit.id,
    name: "audit_copy",
    event: "insert" as const,
    definition:
      "CREATE RULE audit_copy AS\n    ON INSERT TO public.audit DO  INSERT INTO public.audit_log (id)\n  VALUES (new.id);",
    enabled: "origin" as const,
    comment: null,
    ...extra,
  };
  return { ...base, id: ruleId(base.schema, base.relation, base.name) };
}

/** The rule's catalog dependency on the table its action writes (pg_depend on pg_rewrite). */
const writesLog: Dependency = { dependent: rule().id, referenced: log.id };
const state = (rules: readonly Rule[], dependencies: readonly Dependency[] = [writesLog]): SchemaState =>
  makeState({ tables: [audit, log], rules }, { dependencies: rules.length > 0 ? dependencies : [] });
const sql = (current: SchemaState, desired: SchemaState) => plan(current, desired).steps.map((s) => s.sql);

describe("rule render", () => {
  it("CREATE RULE as the server prints it, then its state; DROP RULE; COMMENT's target", () => {
    expect(renderCreateRule(rule())).toEqual([rule().definition]);
    const odd = rule({ name: "Audit Copy", enabled: "disabled", schema: "App", relation: "Audit" });
    expect(renderCreateRule(odd)[1]).toBe('ALTER TABLE "App"."Audit" DISABLE RULE "Audit Copy";');
    expect(renderDropRule(odd)).toBe('DROP RULE "Audit Copy" ON "App"."Audit";');
    expect(ruleTarget(rule())).toBe("RULE audit_copy ON audit");
  });

  it("ALTER: CREATE OR REPLACE RULE for a new definition, ENABLE REPLICA/ALWAYS for the state", () => {
    const changed = rule({
      definition: "CREATE RULE audit_copy AS\n    ON INSERT TO public.audit DO INSTEAD NOTHING;",
    });
    expect(renderAlterRule(rule(), changed)).toEqual([
      "CREATE OR REPLACE RULE audit_copy AS\n    ON INSERT TO public.audit DO INSTEAD NOTHING;",
    ]);
    expect(renderAlterRule(rule(), rule({ enabled: "replica" }))).toEqual([
      "ALTER TABLE audit ENABLE REPLICA RULE audit_copy;",
    ]);
    expect(renderAlterRule(rule({ enabled: "always" }), { ...changed, enabled: "always" })).toEqual([
      "CREATE OR REPLACE RULE audit_copy AS\n    ON INSERT TO public.audit DO INSTEAD NOTHING;",
      "ALTER TABLE audit ENABLE ALWAYS RULE audit_copy;",
    ]);
  });

  it("a renamed relation is followed in the definition's ON … TO, nowhere else", () => {
    expect(
      renamedRuleRelation(
        "CREATE RULE r AS\n    ON DELETE TO public.audit\n   WHERE (old.id > 5) DO  DELETE FROM public.audit_log;",
        { schema: "public", name: "audit" },
        { schema: "app", name: "Audit Trail" },
      ),
    ).toBe(
      'CREATE RULE r AS\n    ON DELETE TO app."Audit Trail"\n   WHERE (old.id > 5) DO  DELETE FROM public.audit_log;',
    );
  });
});

describe("rule plans", () => {
  it("created after its table and what its action writes, with its comment; dropped before them", () => {
    const commented = rule({ comment: "copy every insert" });
    expect(sql(makeState({}), state([commented])).slice(-2)).toEqual([
      commented.definition,
      "COMMENT ON RULE audit_copy ON audit IS 'copy every insert';",
    ]);
    const created = sql(makeState({}), state([commented]));
    expect(created.findIndex((s) => s.startsWith("CREATE TABLE audit_log"))).toBeLessThan(
      created.indexOf(commented.definition),
    );
    expect(sql(state([rule()]), makeState({}))).toEqual([
      "DROP RULE audit_copy ON audit;",
      "DROP TABLE audit;",
      "DROP TABLE audit_log;",
    ]);
  });

  it("takes ACCESS EXCLUSIVE on its table; an unchanged rule plans nothing", () => {
    const [step] = plan(state([]), state([rule()])).steps;
    expect(step?.lock).toEqual({ level: "access_exclusive", on: audit.id });
    expect(sql(state([rule()]), state([rule()]))).toEqual([]);
  });

  it("a rule on a view the plan recreates is dropped before it and created again after", () => {
    const before = view("public", "recent", ["id"], " SELECT audit.id\n   FROM public.audit;");
    const onView = rule({
      relation: "recent",
      relationId: before.id,
      name: "recent_insert",
      definition:
        "CREATE RULE recent_insert AS\n    ON INSERT TO public.recent DO INSTEAD  INSERT INTO public.audit (id)\n  VALUES (new.id);",
    });
    const uses: Dependency[] = [{ dependent: onView.id, referenced: before.id }];
    const current = makeState(
      { tables: [audit, log], views: [before], rules: [onView] },
      { dependencies: uses },
    );
    // a column comes first: CREATE OR REPLACE VIEW cannot do that, so the view is recreated
    const reordered = view(
      "public",
      "recent",
      ["n", "id"],
      " SELECT 1 AS n,\n    audit.id\n   FROM public.audit;",
    );
    const desired = makeState(
      { tables: [audit, log], views: [reordered], rules: [onView] },
      { dependencies: uses },
    );
    const steps = sql(current, desired);
    expect(steps).toEqual([
      "DROP RULE recent_insert ON recent;",
      "DROP VIEW recent;",
      "CREATE VIEW recent AS\nSELECT 1 AS n,\n    audit.id\n   FROM public.audit;",
      onView.definition,
    ]);
  });

  it("follows its table's rename: no drop, no replace", () => {
    const renamed = table("public", "audit_trail", [["id", "integer"]]);
    const moved = rule({
      relation: "audit_trail",
      relationId: renamed.id,
      definition: rule().definition.replace("TO public.audit ", "TO public.audit_trail "),
    });
    const desired = makeState(
      { tables: [renamed, log], rules: [moved] },
      { dependencies: [{ dependent: moved.id, referenced: log.id }] },
    );
    expect(
      plan(state([rule()]), desired, {
        renames: [{ kind: "table", from: audit.id, to: ids.table("public", "audit_trail") }],
      }).steps.map((s) => s.sql),
    ).toEqual(["ALTER TABLE audit RENAME TO audit_trail;"]);
  });
});
