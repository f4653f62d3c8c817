import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { inspect } from "../src/index.js";
import { loadFixture } from "./fixtures.js";

describe("triggers and event triggers", () => {
  test("every trigger field, partition clones, no internal triggers", async ({ db }) => {
    await loadFixture(db, "triggers");
    const state = await inspect(db.url);
    expect(state.triggers["trigger:trg.notes.notes_stamp"]).toEqual({
      kind: "trigger",
      id: "trigger:trg.notes.notes_stamp",
      schema: "trg",
      name: "notes_stamp",
      table: "table:trg.notes",
      definition:
        "CREATE TRIGGER notes_stamp BEFORE INSERT OR UPDATE OF body, rev ON trg.notes FOR EACH ROW " +
        "WHEN ((new.body IS NOT NULL)) EXECUTE FUNCTION trg.stamp()",
      function: "function:trg.stamp()",
      timing: "before",
      events: ["insert", "update"],
      updateColumns: ["body", "rev"],
      forEachRow: true,
      when: "(new.body IS NOT NULL)",
      arguments: [],
      enabled: "origin",
      constraintTrigger: false,
      deferrable: false,
      initiallyDeferred: false,
      oldTable: null,
      newTable: null,
      parentTrigger: null,
      comment: "keeps updated_at",
    });
    expect(state.triggers["trigger:trg.notes.notes_audit"]).toMatchObject({
      timing: "after",
      events: ["delete", "truncate"],
      forEachRow: false,
      arguments: ["notes", "a b"],
      enabled: "disabled",
      function: "function:trg.audit()",
    });
    expect(state.triggers["trigger:trg.notes.notes_transition"]).toMatchObject({
      oldTable: "old_rows",
      newTable: "new_rows",
      events: ["update"],
    });
    expect(state.triggers["trigger:trg.notes.notes_check"]).toMatchObject({
      constraintTrigger: true,
      deferrable: true,
      initiallyDeferred: true,
      definition:
        "CREATE CONSTRAINT TRIGGER notes_check AFTER INSERT ON trg.notes DEFERRABLE INITIALLY DEFERRED " +
        "FOR EACH ROW EXECUTE FUNCTION trg.audit()",
    });
    expect(state.triggers["trigger:trg.note_view.note_view_insert"]).toMatchObject({
      table: "view:trg.note_view",
      timing: "instead of",
    });
    expect(state.triggers["trigger:trg.log.log_stamp"]).toMatchObject({
      enabled: "always",
      parentTrigger: null,
    });
    expect(state.triggers["trigger:trg.log_2024.log_stamp"]).toMatchObject({
      table: "table:trg.log_2024",
      parentTrigger: "trigger:trg.log.log_stamp",
    });
    expect(Object.keys(state.triggers)).toEqual([
      "trigger:trg.log.log_stamp",
      "trigger:trg.log_2024.log_stamp",
      "trigger:trg.note_view.note_view_insert",
      "trigger:trg.notes.notes_audit",
      "trigger:trg.notes.notes_check",
      "trigger:trg.notes.notes_stamp",
      "trigger:trg.notes.notes_transition",
    ]);
    expect(state.dependencies).toEqual(
      expect.arrayContaining([
        { dependent: "trigger:trg.notes.notes_stamp", referenced: "function:trg.stamp()" },
      ]),
    );

    expect(state.eventTriggers).toEqual({
      "event_trigger:inspector_ddl": {
        kind: "event_trigger",
        id: "event_trigger:inspector_ddl",
        name: "inspector_ddl",
        event: "ddl_command_end",
        tags: ["CREATE TABLE", "ALTER TABLE"],
        function: "function:trg.on_ddl()",
        enabled: "replica",
        owner: "postgres",
        comment: "watches DDL",
      },
      "event_trigger:inspector_drop": {
        kind: "event_trigger",
        id: "event_trigger:inspector_drop",
        name: "inspector_drop",
        event: "sql_drop",
        tags: [],
        function: "function:trg.on_ddl()",
        enabled: "origin",
        owner: "postgres",
        comment: null,
      },
    });
  });

  test("foreign-key enforcement triggers are internal and left out", async ({ db }) => {
    await db.query(`
      create table public.a (id int primary key);
      create table public.b (a_id int references public.a);
    `);
    const state = await inspect(db.url);
    expect(state.triggers).toEqual({});
  });
});
