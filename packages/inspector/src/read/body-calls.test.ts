import { beforeAll, describe, expect, it } from "vitest";
import { loadBodyParser, routineBodyCalls } from "./body-calls.js";

beforeAll(async () => {
  await loadBodyParser();
});

const sql = (body: string) =>
  routineBodyCalls({
    language: "sql",
    body,
    definition: `CREATE OR REPLACE FUNCTION public.f()\n RETURNS integer\n LANGUAGE sql\nAS $function$${body}$function$\n`,
  });

const plpgsql = (signature: string, body: string) =>
  routineBodyCalls({
    language: "plpgsql",
    body,
    definition: `CREATE OR REPLACE FUNCTION public.f(${signature})\n RETURNS integer\n LANGUAGE plpgsql\nAS $function$${body}$function$\n`,
  });

describe("routineBodyCalls", () => {
  it("finds the calls of a SQL body, qualified or not, once each, in order", () => {
    expect(
      sql(`SELECT zz_inner(), app."Odd"(1), left('a', 1), coalesce(zz_inner(), 'x')::varchar(10);
           INSERT INTO log VALUES (now());`),
    ).toEqual([
      { schema: null, name: "zz_inner" },
      { schema: "app", name: "Odd" },
      { schema: null, name: "left" },
      { schema: null, name: "now" },
    ]);
  });

  it("finds the calls embedded in a PL/pgSQL body: declarations, assignments, conditions, PERFORM, CALL, EXECUTE 'literal'", () => {
    const body = `
DECLARE
  x integer := helper1(a);
  r record;
BEGIN
  x := public.helper2(x) + 1;
  PERFORM helper3();
  IF helper4(x) THEN RETURN 1; END IF;
  SELECT helper5(y) INTO x FROM t;
  EXECUTE 'SELECT helper6()';
  EXECUTE format('SELECT %I()', 'dynamic');
  CALL proc7(1);
  FOR r IN SELECT helper8() LOOP END LOOP;
  RETURN helper9(x);
END`;
    expect(plpgsql("a integer", body).map((c) => (c.schema ? `${c.schema}.${c.name}` : c.name))).toEqual([
      "helper1",
      "public.helper2",
      "helper3",
      "helper4",
      "helper5",
      "helper6",
      "format",
      "proc7",
      "helper8",
      "helper9",
    ]);
  });

  it("reads trigger functions (NEW and OLD) and procedures", () => {
    expect(
      routineBodyCalls({
        language: "plpgsql",
        body: " BEGIN NEW.total := compute_total(NEW.id); RETURN NEW; END ",
        definition:
          "CREATE OR REPLACE FUNCTION public.tg()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$ BEGIN NEW.total := compute_total(NEW.id); RETURN NEW; END $function$\n",
      }),
    ).toEqual([{ schema: null, name: "compute_total" }]);
    expect(
      routineBodyCalls({
        language: "plpgsql",
        body: " BEGIN PERFORM q(a); COMMIT; END ",
        definition:
          "CREATE OR REPLACE PROCEDURE public.p(a integer)\n LANGUAGE plpgsql\nAS $procedure$ BEGIN PERFORM q(a); COMMIT; END $procedure$\n",
      }),
    ).toEqual([{ schema: null, name: "q" }]);
  });

  it("scans a body that does not parse, and finds nothing in other languages or SQL-standard bodies", () => {
    expect(sql("SELECT broken( FROM app.g(1)")).toEqual([
      { schema: null, name: "broken" },
      { schema: "app", name: "g" },
    ]);
    expect(routineBodyCalls({ language: "plv8", body: "return f(1)", definition: "" })).toEqual([]);
    expect(
      routineBodyCalls({ language: "sql", body: "", definition: "BEGIN ATOMIC SELECT f(); END" }),
    ).toEqual([]);
  });
});
