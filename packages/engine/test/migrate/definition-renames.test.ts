import { scratchHostForFile, test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { applyMigration, planMigration } from "../../src/index.js";

const source = (text: string) => [{ name: "schema.sql", text }];

/** One embedded server for the file's plans. */
const scratch = scratchHostForFile();

const functions = `
create function abs_lt(integer, integer) returns boolean language sql immutable as $$ select abs($1) < abs($2) $$;
create function abs_eq(integer, integer) returns boolean language sql immutable as $$ select abs($1) = abs($2) $$;
create function abs_gt(integer, integer) returns boolean language sql immutable as $$ select abs($1) > abs($2) $$;
create function abs_cmp(integer, integer) returns integer language sql immutable as $$ select btint4cmp(abs($1), abs($2)) $$;`;

const current = `
create schema app;
create schema search;
${functions}
create operator <<< (function = abs_lt, leftarg = integer, rightarg = integer);
create operator === (function = abs_eq, leftarg = integer, rightarg = integer, commutator = ===);
create operator >>> (function = abs_gt, leftarg = integer, rightarg = integer);
create operator class abs_ops for type integer using btree as
  operator 1 <<<, operator 3 ===, operator 5 >>>, function 1 abs_cmp(integer, integer);
create table readings (id bigint primary key, delta integer not null);
create index readings_delta_abs on readings (delta abs_ops);
create text search dictionary english_nostop (template = simple, stopwords = english);
create text search configuration docs (parser = default);
alter text search configuration docs add mapping for asciiword, word with english_nostop;
create table posts (
  id bigint primary key, title text not null,
  search tsvector generated always as (to_tsvector('docs', title)) stored);
create index posts_title_search on posts using gin (to_tsvector('docs', title));
create publication to_wh for table readings;
create foreign data wrapper dummy;
create server remote foreign data wrapper dummy;
create user mapping for public server remote;
create foreign table remote_users (id int) server remote;
create conversion latin_out for 'UTF8' to 'LATIN1' from utf8_to_iso8859_1;
create trusted language plsample handler plpgsql_call_handler inline plpgsql_inline_handler validator plpgsql_validator;
create function reading_count() returns bigint language plsample stable as $$ begin return (select count(*) from readings); end $$;
create table audit (id int);
create rule keep as on delete to audit do instead nothing;
insert into readings values (1, -3), (2, 2), (3, -1);
insert into posts (id, title) values (1, 'renamed in place');
insert into audit values (7);`;

const desired = [
  "CREATE SCHEMA app;",
  "CREATE SCHEMA search;",
  functions,
  "CREATE OPERATOR <<< (FUNCTION = abs_lt, LEFTARG = integer, RIGHTARG = integer);",
  "CREATE OPERATOR === (FUNCTION = abs_eq, LEFTARG = integer, RIGHTARG = integer, COMMUTATOR = ===);",
  "-- @renamed-operator from=public.>>>",
  "CREATE OPERATOR app.>>> (FUNCTION = abs_gt, LEFTARG = integer, RIGHTARG = integer);",
  "-- @renamed-operator-class from=public.abs_ops",
  "CREATE OPERATOR CLASS app.abs_int_ops FOR TYPE integer USING btree AS",
  "  OPERATOR 1 <<<, OPERATOR 3 ===, OPERATOR 5 app.>>>, FUNCTION 1 abs_cmp(integer, integer);",
  "CREATE TABLE readings (id bigint PRIMARY KEY, delta integer NOT NULL);",
  "CREATE INDEX readings_delta_abs ON readings (delta app.abs_int_ops);",
  "CREATE TEXT SEARCH DICTIONARY nostop /* @renamed from=english_nostop */ (TEMPLATE = simple, StopWords = english);",
  "-- @renamed-text-search-configuration from=public.docs",
  "CREATE TEXT SEARCH CONFIGURATION search.documents (PARSER = default);",
  "ALTER TEXT SEARCH CONFIGURATION search.documents ADD MAPPING FOR asciiword, word WITH nostop;",
  "CREATE TABLE posts (",
  "  id bigint PRIMARY KEY, title text NOT NULL,",
  "  search tsvector GENERATED ALWAYS AS (to_tsvector('search.documents', title)) STORED);",
  "CREATE INDEX posts_title_search ON posts USING gin (to_tsvector('search.documents', title));",
  "-- @renamed-publication from=to_wh",
  "CREATE PUBLICATION warehouse FOR TABLE readings;",
  "CREATE FOREIGN DATA WRAPPER stub /* @renamed from=dummy */;",
  "-- @renamed-server from=remote",
  "CREATE SERVER warehouse_db FOREIGN DATA WRAPPER stub;",
  "CREATE USER MAPPING FOR PUBLIC SERVER warehouse_db;",
  "-- @renamed-foreign-table from=public.remote_users",
  "CREATE FOREIGN TABLE app.users (id int) SERVER warehouse_db;",
  "-- @renamed-conversion from=latin_out",
  "CREATE CONVERSION latin1_out FOR 'UTF8' TO 'LATIN1' FROM utf8_to_iso8859_1;",
  "-- @renamed-language from=plsample",
  "CREATE TRUSTED LANGUAGE plmine HANDLER plpgsql_call_handler INLINE plpgsql_inline_handler VALIDATOR plpgsql_validator;",
  "CREATE FUNCTION reading_count() RETURNS bigint LANGUAGE plmine STABLE AS $$ begin return (select count(*) from readings); end $$;",
  "-- @renamed-table from=audit",
  "CREATE TABLE audit_log (id int);",
  "CREATE RULE audit_keep /* @renamed from=keep */ AS ON DELETE TO audit_log DO INSTEAD NOTHING;",
].join("\n");

/** The oids of the objects the hints rename and of the objects that use them (kept: renamed in place). */
const OIDS = `
select (select oid from pg_opclass where opcname in ('abs_ops', 'abs_int_ops'))::text as opclass,
  (select oid from pg_opfamily where opfname in ('abs_ops', 'abs_int_ops') and opfmethod = (select oid from pg_am where amname = 'btree'))::text as family,
  (select oid from pg_operator where oprname = '>>>')::text as operator,
  (select oid from pg_ts_config where cfgname in ('docs', 'documents'))::text as configuration,
  (select oid from pg_ts_dict where dictname in ('english_nostop', 'nostop'))::text as dictionary,
  (select oid from pg_publication where pubname in ('to_wh', 'warehouse'))::text as publication,
  (select oid from pg_foreign_data_wrapper where fdwname in ('dummy', 'stub'))::text as wrapper,
  (select oid from pg_foreign_server where srvname in ('remote', 'warehouse_db'))::text as server,
  (select oid from pg_class where relname in ('remote_users', 'users'))::text as foreign_table,
  (select oid from pg_conversion where conname in ('latin_out', 'latin1_out'))::text as conversion,
  (select oid from pg_language where lanname in ('plsample', 'plmine'))::text as language,
  (select oid from pg_rewrite where rulename in ('keep', 'audit_keep'))::text as rule,
  (select oid from pg_class where relname = 'readings_delta_abs')::text as opclass_index,
  (select oid from pg_class where relname = 'posts_title_search')::text as search_index`;

describe("renames by hint of the definition kinds (publications, foreign data, text search, operator classes, …)", () => {
  test("ALTER … RENAME TO / SET SCHEMA: every object keeps its oid, the indexes and column using them too, rows stay; re-plan empty", async ({
    db,
  }) => {
    await db.query(current);
    const before = (await db.query(OIDS)).rows[0];
    expect(Object.values(before ?? {}).every((oid) => typeof oid === "string")).toBe(true);
    const { plan, warnings } = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
    });
    expect(warnings.filter((w) => /not planned/.test(w))).toEqual([]);
    // nothing dropped or created: the index using the class, the generated column and index naming
    // the configuration, the mapping and foreign table on the server follow by oid
    expect(plan.steps.map((step) => step.sql)).toEqual([
      "ALTER TABLE audit RENAME TO audit_log;",
      "ALTER OPERATOR >>> (integer, integer) SET SCHEMA app;",
      "ALTER TEXT SEARCH DICTIONARY english_nostop RENAME TO nostop;",
      "ALTER TEXT SEARCH CONFIGURATION docs SET SCHEMA search;",
      "ALTER TEXT SEARCH CONFIGURATION search.docs RENAME TO documents;",
      "ALTER OPERATOR FAMILY abs_ops USING btree SET SCHEMA app;",
      "ALTER OPERATOR FAMILY app.abs_ops USING btree RENAME TO abs_int_ops;",
      "ALTER OPERATOR CLASS abs_ops USING btree SET SCHEMA app;",
      "ALTER OPERATOR CLASS app.abs_ops USING btree RENAME TO abs_int_ops;",
      "ALTER FOREIGN DATA WRAPPER dummy RENAME TO stub;",
      "ALTER SERVER remote RENAME TO warehouse_db;",
      "ALTER FOREIGN TABLE remote_users SET SCHEMA app;",
      "ALTER FOREIGN TABLE app.remote_users RENAME TO users;",
      "ALTER CONVERSION latin_out RENAME TO latin1_out;",
      "ALTER PUBLICATION to_wh RENAME TO warehouse;",
      "ALTER RULE keep ON audit_log RENAME TO audit_keep;",
      "ALTER LANGUAGE plsample RENAME TO plmine;",
    ]);
    expect(plan.steps.flatMap((step) => step.hazards)).toEqual([]);
    expect((await applyMigration({ databaseUrl: db.url, plan })).status).toBe("applied");
    expect((await db.query(OIDS)).rows[0]).toEqual(before);
    expect((await db.query("select id::int from readings order by delta using <<<")).rows).toEqual([
      { id: 3 },
      { id: 2 },
      { id: 1 },
    ]);
    expect((await db.query("select search::text from posts")).rows).toEqual([
      { search: "'place':3 'renamed':1" },
    ]);
    expect(
      (
        await db.query(
          "select s.srvname, w.fdwname from pg_foreign_table t join pg_foreign_server s on s.oid = t.ftserver join pg_foreign_data_wrapper w on w.oid = s.srvfdw where t.ftrelid = 'app.users'::regclass",
        )
      ).rows,
    ).toEqual([{ srvname: "warehouse_db", fdwname: "stub" }]);
    expect((await db.query("select reading_count()::int as n")).rows).toEqual([{ n: 3 }]);
    await db.query("delete from audit_log");
    expect((await db.query("select count(*)::int as n from audit_log")).rows).toEqual([{ n: 1 }]);
    const again = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
    });
    expect(again.plan.steps.map((step) => step.sql)).toEqual([]);
  });

  test("statistics objects (SET SCHEMA, RENAME TO) and event triggers (RENAME TO) by hint: same oids, re-plan empty", async ({
    db,
  }) => {
    const name = "ddl_note"; // event triggers belong to their database
    await db.query(`
      create schema app;
      create table t (a int, b int);
      create statistics t_ab on a, b from t;
      create function note_ddl() returns event_trigger language plpgsql as $$ begin end $$;
      create event trigger ${name} on ddl_command_end execute function note_ddl();`);
    const oids = async () =>
      (
        await db.query<{ stat: string; et: string }>(
          `select (select oid from pg_statistic_ext where stxname in ('t_ab', 't_a_b'))::text as stat,
             (select oid from pg_event_trigger where evtname in ('${name}', '${name}_2'))::text as et`,
        )
      ).rows[0];
    const before = await oids();
    const desired = [
      "CREATE SCHEMA app;",
      "CREATE TABLE t (a int, b int);",
      "-- @renamed-statistics from=public.t_ab",
      "CREATE STATISTICS app.t_a_b ON a, b FROM t;",
      "CREATE FUNCTION note_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ begin end $$;",
      `CREATE EVENT TRIGGER ${name}_2 /* @renamed from=${name} */ ON ddl_command_end EXECUTE FUNCTION note_ddl();`,
    ].join("\n");
    const { plan } = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
    });
    expect(plan.steps.map((step) => step.sql)).toEqual([
      `ALTER EVENT TRIGGER ${name} RENAME TO ${name}_2;`,
      "ALTER STATISTICS public.t_ab SET SCHEMA app;",
      "ALTER STATISTICS app.t_ab RENAME TO t_a_b;",
    ]);
    expect((await applyMigration({ databaseUrl: db.url, plan })).status).toBe("applied");
    expect(await oids()).toEqual(before);
    const again = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
    });
    expect(again.plan.steps.map((step) => step.sql)).toEqual([]);
  });
});
