import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { inspect } from "../src/index.js";
import { loadFixture } from "./fixtures.js";

describe("sequences", () => {
  test("options, OWNED BY, privileges; identity sequences left out", async ({ db }) => {
    await loadFixture(db, "sequences");
    const state = await inspect(db.url);
    expect(state.sequences["sequence:seq.counter"]).toEqual({
      kind: "sequence",
      id: "sequence:seq.counter",
      schema: "seq",
      name: "counter",
      dataType: "integer",
      start: "10",
      increment: "-2",
      min: "-100",
      max: "1000",
      cache: "5",
      cycle: true,
      persistence: "permanent",
      ownedBy: null,
      owner: "postgres",
      comment: "counts down",
      privileges: [
        { grantee: "inspector_reader", privilege: "SELECT", grantable: false },
        { grantee: "inspector_reader", privilege: "USAGE", grantable: false },
      ],
    });
    expect(state.sequences["sequence:seq.things_id_seq"]).toMatchObject({
      dataType: "bigint",
      max: "9223372036854775807",
      ownedBy: "column:seq.things.id",
    });
    expect(Object.keys(state.sequences)).toEqual(["sequence:seq.counter", "sequence:seq.things_id_seq"]);
    expect(state.tables["table:seq.things"]?.columns[0]?.default).toBe(
      "nextval('seq.things_id_seq'::regclass)",
    );
    expect(state.dependencies).toEqual(
      expect.arrayContaining([
        { dependent: "sequence:seq.things_id_seq", referenced: "column:seq.things.id" },
        { dependent: "column:seq.things.id", referenced: "sequence:seq.things_id_seq" },
      ]),
    );
  });

  test("PG 15+: unlogged sequences", async ({ db, skip }) => {
    skip(db.server.major < 15, "unlogged sequences arrived in PostgreSQL 15");
    await loadFixture(db, "sequences");
    await loadFixture(db, "sequences-pg15");
    const state = await inspect(db.url);
    expect(state.sequences["sequence:seq.scratch_seq"]).toMatchObject({
      persistence: "unlogged",
      dataType: "bigint",
    });
  });
});
