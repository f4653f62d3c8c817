import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { Sequence } from "../../model/state.js";
import type { Plan } from "../../plan/plan.js";
import { plan } from "../../plan/planner.js";
import { makeState, schema, sequence, table } from "../testing.js";
import { planSequenceMove } from "./sequence.bounds.js";

const sql = (result: Plan) => result.steps.map((step) => step.sql);
const hazards = (result: Plan) => result.steps.map((step) => step.hazards.map((h) => h.kind));
const state = (extra: Partial<Sequence>) => makeState({ sequences: [sequence("app", "ticket_no", extra)] });
const move = (from: Partial<Sequence>, to: Partial<Sequence>) => plan(state(from), state(to));

describe("sequence bounds", () => {
  it("bounds that do not overlap: one ALTER SEQUENCE with RESTART, forward without a hazard", () => {
    const result = move({ min: "1", max: "50" }, { min: "100", max: "200", start: "100" });
    expect(sql(result)).toEqual([
      "ALTER SEQUENCE app.ticket_no MINVALUE 100 MAXVALUE 200 START WITH 100 RESTART;",
    ]);
    expect(hazards(result)).toEqual([[]]);
  });

  it("moved back under the old bounds: the same statement, flagged DATA_LOSS (values may repeat)", () => {
    const result = move({ min: "100", max: "200", start: "100" }, { min: "1", max: "50" });
    expect(sql(result)).toEqual([
      "ALTER SEQUENCE app.ticket_no MINVALUE 1 MAXVALUE 50 START WITH 1 RESTART;",
    ]);
    expect(hazards(result)).toEqual([["DATA_LOSS"]]);
    expect(result.steps[0]?.hazards[0]?.reason).toBe(
      "sequence ticket_no restarts at its START 1 when its position is outside the new bounds 1..50: its position is lost, and values it handed out before can be handed out again (duplicate keys)",
    );
  });

  it("narrowed bounds: setval reads the sequence's own last_value, then the ALTER", () => {
    const result = move({ min: "1", max: "1000" }, { min: "1", max: "500" });
    expect(sql(result)).toEqual([
      "SELECT setval('app.ticket_no', 1, false) FROM app.ticket_no WHERE last_value NOT BETWEEN 1 AND 500;",
      "ALTER SEQUENCE app.ticket_no MAXVALUE 500;",
    ]);
    expect(hazards(result)).toEqual([["DATA_LOSS"], []]);
  });

  it("overlap with the new START beyond the old bounds: widen with a wider type first", () => {
    const result = move(
      { dataType: "integer", min: "1", max: "100" },
      { dataType: "bigint", min: "50", max: "5000000000", start: "3000000000" },
    );
    expect(sql(result)).toEqual([
      "ALTER SEQUENCE app.ticket_no AS bigint MAXVALUE 5000000000;",
      "SELECT setval('app.ticket_no', 3000000000, false) FROM app.ticket_no WHERE last_value NOT BETWEEN 50 AND 5000000000;",
      "ALTER SEQUENCE app.ticket_no MINVALUE 50 START WITH 3000000000;",
    ]);
  });

  it("bounds that hold the old ones, and other options: one ALTER", () => {
    expect(sql(move({ max: "100" }, { max: "1000", cache: "20", cycle: true }))).toEqual([
      "ALTER SEQUENCE app.ticket_no MAXVALUE 1000 CACHE 20 CYCLE;",
    ]);
    expect(sql(move({ start: "1" }, { start: "7" }))).toEqual(["ALTER SEQUENCE app.ticket_no START WITH 7;"]);
  });

  it("planSequenceMove: descending sequences move forward to lower values", () => {
    const from = { ...sequence("s", "d"), increment: "-1", min: "-50", max: "-1", start: "-1" };
    expect(planSequenceMove(from, { ...from, min: "-200", max: "-100", start: "-100" }, {})).toEqual({
      widen: null,
      reposition: "restart",
      backward: false,
      options: {},
    });
    expect(planSequenceMove(from, { ...from, min: "-50", max: "-10", start: "-10" }, {})).toMatchObject({
      reposition: "outside",
      backward: false,
    });
    expect(planSequenceMove(from, { ...from, min: "-20", max: "-1", start: "-1" }, {})).toMatchObject({
      reposition: "outside",
      backward: true,
    });
  });
});

describe("a table moved to another schema, with a sequence it owns", () => {
  const owning = (schemaName: string) => table(schemaName, "t", [["b", "integer"]]);
  const items = (schemaName: string, ownedBy: string | null) => sequence(schemaName, "items", { ownedBy });
  const current = makeState({
    schemas: [schema("s")],
    tables: [owning("public")],
    sequences: [items("public", ids.column("public", "t", "b"))],
  });
  const renames = [{ kind: "table" as const, from: ids.table("public", "t"), to: ids.table("s", "t") }];

  it("the sequence moves along when the desired state has it in the new schema: only the move", () => {
    const desired = makeState({
      schemas: [schema("s")],
      tables: [owning("s")],
      sequences: [items("s", ids.column("s", "t", "b"))],
    });
    expect(sql(plan(current, desired, { renames }))).toEqual(["ALTER TABLE public.t SET SCHEMA s;"]);
  });

  it("kept behind, unowned: released before the move, so it stays where it is with its position (KF-1)", () => {
    const desired = makeState({
      schemas: [schema("s")],
      tables: [owning("s")],
      sequences: [items("public", null)],
    });
    expect(sql(plan(current, desired, { renames }))).toEqual([
      "ALTER SEQUENCE items OWNED BY NONE;",
      "ALTER TABLE public.t SET SCHEMA s;",
    ]);
  });
});
