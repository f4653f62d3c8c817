import { beforeAll, describe, expect, it } from "vitest";
import { loadBodyParser, mayNameAny, routineBodyCalls } from "./body-calls.js";

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

describe("mayNameAny: the pre-check that spares parsing a body that names no routine of the catalog", () => {
  const names = new Set(["zz_inner", "Odd", "Ä", "fn$1"]);

  it("finds a name written plainly in any case (folded as PostgreSQL folds), or quoted exactly", () => {
    expect(mayNameAny("SELECT ZZ_Inner()", names)).toBe(true);
    expect(mayNameAny('SELECT app."Odd"(1)', names)).toBe(true);
    expect(mayNameAny("SELECT Ä(1)", names)).toBe(true); // not folded: PostgreSQL folds ASCII only
    expect(mayNameAny("PERFORM fn$1()", names)).toBe(true);
    expect(mayNameAny("EXECUTE 'select zz_inner()'", names)).toBe(true); // inside a literal too
  });

  it("is false when no word is one of the names, so the body calls none of them", () => {
    expect(mayNameAny("SELECT now(), left('a', 1)", names)).toBe(false);
    expect(mayNameAny("SELECT odd(1)", names)).toBe(false); // unquoted odd is odd, not Odd
    expect(mayNameAny('SELECT "zz_inner_2"()', names)).toBe(false);
    expect(mayNameAny("", names)).toBe(false);
    expect(mayNameAny("SELECT zz_inner()", new Set())).toBe(false);
  });

  it('leaves U&"…" identifiers, whose escapes it does not decode, to the parser', () => {
    expect(mayNameAny('SELECT U&"\\0066oo"()', names)).toBe(true);
  });

  it("agrees with the parser: whatever routineBodyCalls finds in a body is among the words mayNameAny sees", () => {
    const bodies = [
      `SELECT zz_inner(), app."Odd"(1), left('a', 1), coalesce(zz_inner(), 'x')::varchar(10);`,
      'SELECT a.b.c(1) FROM t WHERE x IN (SELECT "Weird Name"(2))',
      "INSERT INTO log VALUES (Now()); CALL Proc_One(1)",
    ];
    for (const body of bodies) {
      for (const call of sql(body)) expect(mayNameAny(body, new Set([call.name]))).toBe(true);
    }
  });
});
