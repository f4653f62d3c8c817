import { InvalidInputError } from "@pg-flux/core";
import { scratchHostForFile, test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { planMigration } from "../../src/index.js";

const source = (text: string) => [{ name: "schema.sql", text }];

/** One embedded server for the file's plans. */
const scratch = scratchHostForFile();

/**
 * Grants on the languages pg-flux does not manage — an extension's (plpgsql) or a built-in one
 * (sql): never lost. The desired state refuses them at their location (after the load, when SQL the
 * parser cannot see made them: unmanaged.test.ts); live ones are left alone and listed. Grants on the languages the
 * files create are modelled (recipe language-privileges).
 */
describe("grants on languages pg-flux does not manage", () => {
  test("live ones are left alone and listed: the plan to the same table is empty", async ({ db }) => {
    await db.query(
      "create table audit (id int primary key); revoke usage on language plpgsql from public; revoke usage on language sql from public; grant usage on language sql to public;",
    );
    const { plan, warnings } = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source("create table audit (id int primary key);"),
    });
    expect(plan.steps).toEqual([]);
    // sql's grants are its default again (revoked and granted back): not listed
    expect(warnings).toContain(
      "the database has 1 object of kinds pg-flux does not manage; the plan leaves it alone (never created, changed or dropped): language privilege plpgsql",
    );
  });

  test("in the desired state, refused at its location, also after a language the files create", async ({
    db,
  }) => {
    const error = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(
        "create trusted language pl_own handler plpgsql_call_handler;\ngrant usage on language pl_own to public;\nrevoke usage on language plpgsql from public;\n",
      ),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(
      (error as InvalidInputError).problems.map((p) => [p.location?.line, p.location?.column, p.message]),
    ).toEqual([
      [
        3,
        1,
        "REVOKE USAGE: language plpgsql is not created by the desired state: it is an extension's (plpgsql, plperl, …) or built into PostgreSQL (c, sql, internal), and pg-flux manages the grants of the languages the files create only; the statement would run in the scratch database and then be left out of every plan; remove it from the desired state",
      ],
    ]);
    // nothing ran on the target
    const { rows } = await db.query("select count(*)::int as n from pg_language where lanname = 'pl_own'");
    expect(rows).toEqual([{ n: 0 }]);
  });
});
