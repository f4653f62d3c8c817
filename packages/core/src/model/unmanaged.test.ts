import { describe, expect, test } from "vitest";
import { PgFluxError } from "../errors.js";
import { makeState, table } from "../objects/testing.js";
import { plan } from "../plan/planner.js";
import {
  type OutsideDependent,
  refuseOutsideDependents,
  type UnmanagedObject,
  unmanagedTargetWarnings,
  unmanagedWarnings,
} from "./unmanaged.js";

const audit = table("public", "audit", [
  ["id", "integer"],
  ["note", "text"],
]);
const RULE: UnmanagedObject = {
  kind: "rule",
  name: "no_delete on public.audit",
  dependsOn: [
    { id: "table:public.audit", auto: true },
    { id: "column:public.audit.note", auto: false },
  ],
};
const PUBLICATION: UnmanagedObject = {
  kind: "publication",
  name: "realtime",
  dependsOn: [{ id: "table:public.audit", auto: true }],
};

describe("unmanaged objects", () => {
  test("are listed in one warning, by kind and name, and never planned", () => {
    const state = makeState({ tables: [audit] });
    const planned = plan(state, state);
    expect(planned.steps).toEqual([]);
    expect(unmanagedWarnings([RULE, PUBLICATION], planned)).toEqual([
      "the database has 2 objects of kinds pg-flux does not manage; the plan leaves them alone (never created, changed or dropped): publication realtime, rule no_delete on public.audit",
    ]);
  });

  test("a dropped table names what it takes along", () => {
    const planned = plan(makeState({ tables: [audit] }), makeState({}));
    expect(unmanagedWarnings([RULE, PUBLICATION], planned)).toEqual([
      "the database has 2 objects of kinds pg-flux does not manage; the plan leaves them alone (never created, changed or dropped): publication realtime, rule no_delete on public.audit",
      "dropping table:public.audit also drops publication realtime, rule no_delete on public.audit, which pg-flux does not manage: re-create them by hand if still needed",
    ]);
  });

  test("a drop or a type change PostgreSQL will refuse is named, with the way out", () => {
    const noNote = table("public", "audit", [["id", "integer"]]);
    const dropped = plan(makeState({ tables: [audit] }), makeState({ tables: [noNote] }));
    expect(unmanagedWarnings([RULE], dropped).slice(1)).toEqual([
      "dropping column:public.audit.note will fail at apply: rule no_delete on public.audit depends on it and pg-flux does not manage it; drop or change it first (a versioned migration run by pg-flux push)",
    ]);
    const retyped = table("public", "audit", [
      ["id", "integer"],
      ["note", "jsonb"],
    ]);
    const changed = plan(makeState({ tables: [audit] }), makeState({ tables: [retyped] }));
    expect(unmanagedWarnings([RULE], changed).slice(1)).toEqual([
      "changing the type of column:public.audit.note will fail at apply: rule no_delete on public.audit depends on it and pg-flux does not manage it; drop or change it first (a versioned migration run by pg-flux push)",
    ]);
  });

  test("long lists are cut after ten", () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      ...PUBLICATION,
      name: `p${String(i).padStart(2, "0")}`,
    }));
    const [warning] = unmanagedTargetWarnings(many);
    expect(warning).toBe(
      "the target database has 12 objects of kinds pg-flux does not manage; the plan does not create them: publication p00, publication p01, publication p02, publication p03, publication p04, publication p05, publication p06, publication p07, publication p08, publication p09, and 2 more",
    );
  });

  test("nothing to say about none", () => {
    const state = makeState({});
    expect(unmanagedWarnings([], plan(state, state))).toEqual([]);
    expect(unmanagedTargetWarnings([])).toEqual([]);
  });
});

describe("objects outside the managed schemas", () => {
  const VIEW: OutsideDependent = {
    name: "view reporting.notes",
    schema: "reporting",
    dependsOn: ["column:public.audit.note"],
  };

  test("a plan that does not touch what they use passes", () => {
    const state = makeState({ tables: [audit] });
    const wider = table("public", "audit", [
      ["id", "bigint"],
      ["note", "text"],
    ]);
    const current = state;
    expect(() =>
      refuseOutsideDependents([VIEW], plan(current, makeState({ tables: [wider] })), current),
    ).not.toThrow();
  });

  test("dropping the table whose column they read is refused, naming them (a table counts for its columns)", () => {
    const current = makeState({ tables: [audit] });
    let error: unknown;
    try {
      refuseOutsideDependents([VIEW], plan(current, makeState({})), current);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PgFluxError);
    expect((error as PgFluxError).code).toBe("refused");
    expect((error as PgFluxError).message).toBe(
      "the plan drops table:public.audit, which view reporting.notes uses: PostgreSQL refuses that while it exists, and pg-flux does not drop or re-create objects outside the managed schemas (reporting is not managed)",
    );
  });
});
