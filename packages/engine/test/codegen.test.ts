import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { InvalidInputError } from "@pg-flux/core";
import { test } from "@pg-flux/testkit";
import { corpus as externalCorpus } from "@pg-flux/testkit/external";
import ts from "typescript";
import { afterAll, describe, expect } from "vitest";
import { generateCodegen } from "../src/index.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const corpus = externalCorpus().dir;
// Inside the repo so that `kysely` resolves from the root node_modules.
const work = mkdtempSync(path.join(repo, "node_modules", ".pgflux-codegen-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Loads a corpus schema as its project does, with psql (the OS's PostgreSQL client; .ci/run installs it). */
function psql(url: string, cwd: string, ...files: string[]): void {
  execFileSync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, ...files.flatMap((f) => ["-f", f])], {
    cwd,
    stdio: ["ignore", "ignore", "pipe"],
  });
}

/** Type-checks the files together (strict) and returns the diagnostics per file name. */
function typeCheck(files: Record<string, string>): Map<string, string[]> {
  const dir = mkdtempSync(path.join(work, "check-"));
  const names = Object.entries(files).map(([name, text]) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  });
  const program = ts.createProgram(names, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: [],
  });
  const result = new Map<string, string[]>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const name = diagnostic.file ? path.basename(diagnostic.file.fileName) : "(global)";
    result.set(name, [
      ...(result.get(name) ?? []),
      ts.flattenDiagnosticMessageText(diagnostic.messageText, " "),
    ]);
  }
  return result;
}

const kyselyQueries = (imports: string, body: string) => `import { Kysely, PostgresDialect } from "kysely";
import type { Database${imports} } from "./db.js";
declare const dialect: PostgresDialect;
const db = new Kysely<Database>({ dialect });
export async function run() {
${body}
}
`;

describe("codegen", () => {
  test("the fixture's types compile and type Kysely queries; wrong columns and types fail", async ({
    db,
  }) => {
    await db.query(readFileSync(path.join(repo, "fixtures/codegen/schema.sql"), "utf8"));
    const { source } = await generateCodegen({ databaseUrl: db.url });
    expect(source).toContain('export type Status = "draft" | "in_review" | "published";');
    expect(source).toContain("  payload: { user_id: number; action: string };");
    expect(source).toContain("  total: ColumnType<string | null, never, never>;");
    expect(source).toContain("  email: ColumnType<string | null, NotInsertable, never>;");
    expect(source).toMatch(
      /export interface DraftsInsert \{\n {2}id\?: [^\n]+\n {2}user_id\?: [^\n]+\n {2}status\?: [^\n]+\n {2}payload\?: [^\n]+\n\}/,
    );
    const good = kyselyQueries(
      ", EventsInsert, Users",
      `  const rows = await db.selectFrom("events").select(["id", "payload", "status", "tags"]).where("status", "=", "published").execute();
  const action: string = rows[0]!.payload.action;
  const tags: string[] = rows[0]!.tags;
  const row: EventsInsert = { user_id: "1", payload: { user_id: 1, action: "x" } };
  await db.insertInto("events").values(row).execute();
  await db.insertInto("users").values({ email: "a@b.c" }).execute();
  const user: Users | undefined = await db.selectFrom("users").selectAll().executeTakeFirst();
  const created: Date | undefined = user?.created_at;
  const view = await db.selectFrom("published_events").select(["email", "status"]).execute();
  return [action, tags, created, view];`,
    );
    const wrongColumn = kyselyQueries(
      "",
      `  return db.selectFrom("events").select(["no_such_column"]).execute();`,
    );
    const wrongType = kyselyQueries(
      "",
      `  return db.insertInto("events").values({ user_id: "1", payload: { user_id: "not a number", action: 1 } }).execute();`,
    );
    const generatedInsert = kyselyQueries(
      "",
      `  return db.insertInto("users").values({ id: "5", email: "a@b.c" }).execute();`,
    );
    // A view PostgreSQL cannot insert into (a join): no insert shape, and no insert type-checks,
    // not even one that names no column (before: `values({})` type-checked, the columns being
    // never-insert ones that Kysely leaves out).
    const viewInsert = `import type { PublishedEventsInsert } from "./db.js";\nexport const row: PublishedEventsInsert = { email: "x" };\n`;
    const viewInsertInto = kyselyQueries(
      "",
      `  return db.insertInto("published_events").values({}).execute();`,
    );
    const viewInsertColumns = kyselyQueries(
      "",
      `  return db.insertInto("published_events").values({ id: "1", user_id: "1", status: "draft", email: "a@b.c" }).execute();`,
    );
    // An automatically updatable view keeps its shapes, for the columns PostgreSQL writes through it;
    // a view insertable through an INSTEAD OF trigger takes every column.
    const updatableView = kyselyQueries(
      ", DraftsInsert, DraftsUpdate, UserEventCountsInsert",
      `  const row: DraftsInsert = { user_id: "1", payload: { user_id: 1, action: "x" } };
  await db.insertInto("drafts").values(row).execute();
  const change: DraftsUpdate = { status: "in_review" };
  await db.updateTable("drafts").set(change).where("id", "=", "1").execute();
  const counted: UserEventCountsInsert = { email: "a@b.c" };
  return db.insertInto("user_event_counts").values(counted).execute();`,
    );
    const computedColumnInsert = kyselyQueries(
      "",
      `  return db.insertInto("drafts").values({ user_id: "1", payload: { user_id: 1, action: "x" }, meta_text: "x" }).execute();`,
    );
    const triggerViewUpdate = `import type { UserEventCountsUpdate } from "./db.js";\nexport const change: UserEventCountsUpdate = {};\n`;
    const diagnostics = typeCheck({
      "db.ts": source,
      "good.ts": good,
      "wrong-column.ts": wrongColumn,
      "wrong-type.ts": wrongType,
      "generated-insert.ts": generatedInsert,
      "view-insert.ts": viewInsert,
      "view-insert-into.ts": viewInsertInto,
      "view-insert-columns.ts": viewInsertColumns,
      "updatable-view.ts": updatableView,
      "computed-column-insert.ts": computedColumnInsert,
      "trigger-view-update.ts": triggerViewUpdate,
    });
    expect(diagnostics.get("db.ts")).toBeUndefined();
    expect(diagnostics.get("good.ts")).toBeUndefined();
    expect(diagnostics.get("wrong-column.ts")?.join("\n")).toMatch(/no_such_column/);
    expect(diagnostics.get("wrong-type.ts")).toBeDefined();
    expect(diagnostics.get("generated-insert.ts")).toBeDefined(); // identity ALWAYS cannot be inserted
    expect(diagnostics.get("view-insert.ts")?.join("\n")).toMatch(
      /no exported member named 'PublishedEventsInsert'/,
    );
    expect(diagnostics.get("view-insert-into.ts")?.join("\n")).toMatch(/NotInsertable/);
    expect(diagnostics.get("view-insert-columns.ts")?.join("\n")).toMatch(/NotInsertable/);
    expect(diagnostics.get("updatable-view.ts")).toBeUndefined();
    expect(diagnostics.get("computed-column-insert.ts")?.join("\n")).toMatch(/meta_text/);
    // INSTEAD OF INSERT only: no update shape
    expect(diagnostics.get("trigger-view-update.ts")?.join("\n")).toMatch(
      /no exported member named 'UserEventCountsUpdate'/,
    );
  });

  test("an invalid @tstype hint is an error naming the column", async ({ db }) => {
    await db.query("create table t (doc jsonb)");
    await db.query("comment on column t.doc is '@tstype { a: number'");
    const error = await generateCodegen({ databaseUrl: db.url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems[0]!.message).toMatch(
      /^@tstype on public\.t\.doc is not a valid TypeScript type: '}' expected/,
    );
  });

  test("from desired SQL: @tstype source hints type columns; an invalid one names file:line", async ({
    db,
  }) => {
    const dir = mkdtempSync(path.join(work, "src-"));
    const good = path.join(dir, "schema.sql");
    writeFileSync(
      good,
      [
        "CREATE TABLE events (",
        "  id bigint PRIMARY KEY,",
        "  payload jsonb NOT NULL -- @tstype { user_id: number }",
        ");",
        "",
      ].join("\n"),
    );
    const { source } = await generateCodegen({ sources: [good], databaseUrl: db.url });
    expect(source).toContain("  payload: { user_id: number };");
    const bad = path.join(dir, "bad.sql");
    writeFileSync(bad, "CREATE TABLE t (\n  doc jsonb -- @tstype { a: \n);\n");
    const error = await generateCodegen({ sources: [bad], databaseUrl: db.url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    const problem = (error as InvalidInputError).problems[0]!;
    expect(problem.location).toEqual({ file: path.relative(process.cwd(), bad), line: 2, column: 16 });
    expect(problem.message).toMatch(/^@tstype on public\.t\.doc is not a valid TypeScript type/);
  });

  test.skipIf(!corpus)(
    "corpus schemas generate types that compile with Kysely (needs the corpus)",
    async ({ db }) => {
      const cases = [
        { folder: "gitlab-ci-structure-2021", file: "ci_structure.sql" },
        { folder: "danbooru", file: "structure.sql" },
        { folder: "adventureworks", file: "install.schema-only.sql" },
      ];
      const files: Record<string, string> = {};
      for (const [index, { folder, file }] of cases.entries()) {
        const database = `${db.name}_c${index}`;
        await db.query(`create database ${database} template template0`);
        try {
          psql(db.urlFor(database), path.join(corpus ?? "", folder), file);
          const { source, state } = await generateCodegen({ databaseUrl: db.urlFor(database) });
          expect(Object.keys(state.tables).length).toBeGreaterThan(10);
          files[`db${index}.ts`] = source;
          files[`q${index}.ts`] = `import { Kysely, PostgresDialect } from "kysely";
import type { Database } from "./db${index}.js";
declare const dialect: PostgresDialect;
export const db${index} = new Kysely<Database>({ dialect });
export const q${index} = db${index}.selectFrom(${JSON.stringify(firstTable(source))}).selectAll().compile();
`;
        } finally {
          await db.query(`drop database ${database} with (force)`);
        }
      }
      const diagnostics = typeCheck(files);
      expect([...diagnostics.entries()]).toEqual([]);
    },
  );
});

function firstTable(source: string): string {
  const match = /export interface Database \{\n {2}("[^"]+"|[A-Za-z_$][\w$]*):/.exec(source);
  if (!match) throw new Error("no table in generated Database interface");
  return match[1]!.startsWith('"') ? (JSON.parse(match[1]!) as string) : match[1]!;
}
