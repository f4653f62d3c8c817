import { scratchHostForFile, test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { applyMigration, planMigration } from "../../src/index.js";

const scratch = scratchHostForFile();

const CURRENT = `
create table events (id bigint primary key, kind text not null);
create access method heap2 type table handler heap_tableam_handler;
create materialized view event_kinds as select kind, count(*) as events from events group by kind;
create unique index event_kinds_kind on event_kinds (kind);
create view busy_kinds as select kind from event_kinds where events > 1;
insert into events values (1, 'click'), (2, 'click'), (3, 'view');
refresh materialized view event_kinds;
`;

const DESIRED = `
CREATE TABLE events (id bigint PRIMARY KEY, kind text NOT NULL);
CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
CREATE MATERIALIZED VIEW event_kinds USING heap2 AS SELECT kind, count(*) AS events FROM events GROUP BY kind;
CREATE UNIQUE INDEX event_kinds_kind ON event_kinds (kind);
CREATE VIEW busy_kinds AS SELECT kind FROM event_kinds WHERE events > 1;
`;

/**
 * A materialized view moved to another table access method: on PostgreSQL 15+ `ALTER MATERIALIZED
 * VIEW … SET ACCESS METHOD` rewrites it in place (TABLE_REWRITE, LONG_LOCK); PostgreSQL 14 has no
 * such statement, so it is dropped and created again from its query (its rows are the query's),
 * with its index and the view that reads it. Either way: applied, rows there, re-plan empty.
 */
describe("a materialized view's access method changed", () => {
  test("in place on 15+, dropped and created again on 14; re-plan empty", async ({ db }) => {
    await db.query(CURRENT);
    const sources = [{ name: "schema.sql", text: DESIRED }];
    const { plan } = await planMigration({ scratchHost: scratch(), databaseUrl: db.url, sources });
    const sql = plan.steps.map((step) => step.sql);
    if (db.server.major >= 15) {
      expect(sql).toEqual(["ALTER MATERIALIZED VIEW event_kinds SET ACCESS METHOD heap2;"]);
      expect(plan.steps[0]?.hazards.map((h) => h.kind)).toEqual(["TABLE_REWRITE", "LONG_LOCK"]);
    } else {
      expect(sql).toEqual([
        "DROP VIEW busy_kinds;",
        "DROP MATERIALIZED VIEW event_kinds;",
        expect.stringMatching(/^CREATE MATERIALIZED VIEW event_kinds USING heap2 AS\n/),
        expect.stringMatching(/^CREATE VIEW busy_kinds AS\n/),
        "CREATE UNIQUE INDEX event_kinds_kind\nON event_kinds (kind);",
      ]);
    }
    const hazards = [...new Set(plan.steps.flatMap((step) => step.hazards.map((h) => h.kind)))];
    const applied = await applyMigration({ databaseUrl: db.url, plan, allowHazards: hazards });
    expect(applied.status).toBe("applied");
    const { rows } = await db.query(
      "select a.amname, (select sum(events)::int from event_kinds) as events, (select count(*)::int from busy_kinds) as busy from pg_class c join pg_am a on a.oid = c.relam where c.relname = 'event_kinds'",
    );
    expect(rows).toEqual([{ amname: "heap2", events: 3, busy: 1 }]);
    const again = await planMigration({ scratchHost: scratch(), databaseUrl: db.url, sources });
    expect(again.plan.steps.map((step) => step.sql)).toEqual([]);
  });
});
