import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { test } from "@pg-flux/testkit";
import { afterAll, describe, expect } from "vitest";
import { parse } from "yaml";

/**
 * The GitHub Action (action.yml at the repository root) run the way GitHub runs a composite action:
 * each step's `run` with its `env`, the `${{ … }}` expressions filled in from the inputs, `bash
 * --noprofile --norc -eo pipefail`, GITHUB_ACTION_PATH and GITHUB_OUTPUT set, in a git repository
 * standing in for the pull request's checkout. The install step (npm ci in the action's folder) is
 * the one step not run: this checkout is that install, built by `npm test`. Posting runs without
 * GITHUB_TOKEN (no network); everything before the HTTP call is checked.
 */
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = path.join(REPO, "packages/pg-flux/dist/cli.js");
const run = promisify(execFile);

interface Step {
  readonly name: string;
  readonly id?: string;
  readonly if?: string;
  readonly run: string;
  readonly env?: Record<string, string>;
  readonly "working-directory"?: string;
}
interface Action {
  readonly inputs: Record<string, { readonly default?: string }>;
  readonly runs: { readonly using: string; readonly steps: readonly Step[] };
}
const action = parse(readFileSync(path.join(REPO, "action.yml"), "utf8")) as Action;

interface Run {
  readonly steps: { readonly name: string; readonly code: number; readonly output: string }[];
  readonly outputs: Record<string, string>;
  /** The last step's exit: the check's verdict. */
  readonly code: number;
  readonly comment: string;
}

const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  temp.push(dir);
  return dir;
}

/** Runs the action's steps in `workspace` with these inputs (the others keep their defaults). */
async function runAction(workspace: string, given: Record<string, string>): Promise<Run> {
  expect(action.runs.using).toBe("composite");
  for (const name of Object.keys(given)) expect(Object.keys(action.inputs)).toContain(name);
  const runnerTemp = tempDir("pgflux-runner-");
  // the github context of a run with no token and no pull-request event: nothing is posted
  const context: Record<string, string> = {
    "runner.temp": runnerTemp,
    "github.action_path": REPO,
    "github.token": "",
    "github.event.pull_request.base.sha": "",
  };
  const outputs: Record<string, Record<string, string>> = {};
  const steps: Run["steps"] = [];
  let inputs: Record<string, string> = {};
  const expand = (text: string): string =>
    text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_all, expression: string) => {
      const input = /^inputs\.([\w-]+)$/.exec(expression);
      if (input) return inputs[input[1]!] ?? "";
      const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
      if (output) return outputs[output[1]!]?.[output[2]!] ?? "";
      const value = context[expression];
      if (value === undefined)
        throw new Error(`action.yml: the test does not know the expression ${expression}`);
      return value;
    });
  inputs = Object.fromEntries(
    Object.entries(action.inputs).map(([name, input]) => [name, given[name] ?? expand(input.default ?? "")]),
  );
  for (const step of action.runs.steps) {
    if (step.if !== undefined && !condition(step.if, inputs)) continue;
    if (step.run.startsWith("npm ci")) {
      // the install: this checkout is already installed and built
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
      expect(step["working-directory"]).toBe("${{ github.action_path }}");
      continue;
    }
    const script = path.join(runnerTemp, `step-${steps.length}.sh`);
    const outputFile = path.join(runnerTemp, `output-${steps.length}`);
    writeFileSync(script, expand(step.run));
    writeFileSync(outputFile, "");
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_ACTION_PATH: REPO,
      GITHUB_OUTPUT: outputFile,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, expand(value)])),
    };
    const result = await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
      cwd: workspace,
      env,
      timeout: 240_000,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: typeof error.code === "number" ? error.code : -1,
        output: `${error.stdout ?? ""}${error.stderr ?? ""}`,
      }),
    );
    steps.push({ name: step.name, ...result });
    if (step.id) outputs[step.id] = readOutputs(outputFile);
    if (result.code !== 0) break;
  }
  const review = outputs.review ?? {};
  const file = review["comment-file"];
  return {
    steps,
    outputs: review,
    code: steps.at(-1)?.code ?? -1,
    comment: file && existsSync(file) ? readFileSync(file, "utf8") : "",
  };
}

/** The `if:` forms action.yml uses: `inputs.x == 'value'`. */
function condition(text: string, inputs: Record<string, string>): boolean {
  const match = /^inputs\.([\w-]+) == '([^']*)'$/.exec(text.trim());
  if (!match) throw new Error(`action.yml: the test does not know the condition ${text}`);
  return inputs[match[1]!] === match[2];
}

function readOutputs(file: string): Record<string, string> {
  const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
  return Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
    cwd: dir,
    encoding: "utf8",
  }).trim();
}

/** A git repository with a first commit holding these files; returns its folder and that commit. */
function repository(files: Record<string, string>): { dir: string; base: string } {
  const dir = tempDir("pgflux-pr-");
  git(dir, "init", "-q");
  write(dir, { "README.md": "app\n", ...files });
  return { dir, base: commit(dir, "base") };
}

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

function commit(dir: string, message: string): string {
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", message);
  return git(dir, "rev-parse", "HEAD");
}

const BEFORE = "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text NOT NULL,\n  phone text\n);\n";
const AFTER =
  "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text NOT NULL\n);\nCREATE INDEX users_email ON users (email);\n";
const PLANNING = 300_000;

describe("the GitHub Action (action.yml → scripts/action/review.sh)", { timeout: PLANNING }, () => {
  test("two refs: a dropped column fails the check (exit 3) and the comment says why; allowed, it passes", async () => {
    expect(existsSync(BIN), "packages/pg-flux is not built: run npm run build (npm test does)").toBe(true);
    const { dir, base } = repository({ "db/schema/users.sql": BEFORE });
    write(dir, { "db/schema/users.sql": AFTER });

    const refused = await runAction(dir, { schema: "db/schema/", "base-ref": base });
    expect(refused.outputs).toMatchObject({ "exit-code": "3", changes: "true" });
    expect(refused.code).toBe(3);
    expect(refused.steps.map((step) => step.name)).toEqual([
      "Plan the schema change and write the review",
      "Post the review on the pull request",
      "Verdict",
    ]);
    // the review step itself passes, so that the comment is posted before the verdict fails the job
    expect(refused.steps[0]!.code).toBe(0);
    expect(refused.steps[1]!.output).toContain("no GITHUB_TOKEN, the comment is not posted");
    const comment = refused.comment;
    expect(comment.split("\n")[0]).toBe("<!-- pg-flux-review -->");
    expect(comment).toContain("## pg-flux migration plan");
    expect(comment).toContain(
      "| DATA_LOSS | yes, unless allowed | 2 | `column:public.users.phone` | column users.phone is dropped with its data |",
    );
    expect(comment).toContain("ALTER TABLE users DROP COLUMN phone;");
    expect(comment).toContain("CREATE INDEX CONCURRENTLY users_email\nON users (email);");
    expect(comment).toContain("```mermaid\nflowchart TD");
    expect(comment).toContain("❌ **pg-flux:** blocking hazards that are not allowed");
    expect(comment).toContain(`Compared: \`db/schema\` at \`${base}\` → \`db/schema\`.`);
    expect(comment).toContain("refusing to apply: blocking hazards; pass --allow-hazards or change schema");
    expect(comment).toContain("To proceed: pass --allow-hazards=DATA_LOSS");

    // the change committed: both sides as refs, and the hazard allowed
    const head = commit(dir, "drop phone");
    const allowed = await runAction(dir, {
      schema: "db/schema",
      "base-ref": base,
      "head-ref": head,
      "allow-hazards": "DATA_LOSS",
      comment: "false",
    });
    expect(allowed.outputs).toMatchObject({ "exit-code": "0", changes: "true" });
    expect(allowed.code).toBe(0);
    expect(allowed.steps.map((step) => step.name)).toEqual([
      "Plan the schema change and write the review",
      "Verdict",
    ]);
    expect(allowed.comment).toContain("ALTER TABLE users DROP COLUMN phone;");
    expect(allowed.comment).toContain(
      "✅ **pg-flux:** the blocking hazards above are allowed (allow-hazards: `DATA_LOSS`).",
    );
  });

  test("a plan longer than a GitHub comment is cut at a line, its code block closed, and says so", async () => {
    const { dir, base } = repository({ "schema/users.sql": BEFORE });
    // the pg-flux input names the command: here one printing a 3,000-statement plan, as pg-flux
    // prints markdown for changes pending (exit 4)
    const long = path.join(dir, "long-plan.sh");
    writeFileSync(
      long,
      `#!/bin/sh\nprintf '## pg-flux migration plan\\n\\n\`\`\`sql\\n'\nseq 1 3000 | sed 's/.*/CREATE TABLE t& (id bigint PRIMARY KEY);/'\nprintf '\`\`\`\\n'\nexit 4\n`,
    );
    const result = await runAction(dir, { "base-ref": base, comment: "false", "pg-flux": `sh ${long}` });
    expect(result.code).toBe(0);
    expect(result.comment.length).toBeLessThan(60_000);
    const lines = result.comment.split("\n");
    const cut = lines.findIndex((line) => line.startsWith("_The plan is too long"));
    expect(lines[cut - 2]).toBe("```");
    expect(lines[cut - 3]).toMatch(/^CREATE TABLE t\d+ \(id bigint PRIMARY KEY\);$/);
    expect(result.comment).toContain("✅ **pg-flux:** no blocking hazards.");
    // the job log holds the whole plan
    expect(result.steps[0]!.output).toContain("CREATE TABLE t3000 (id bigint PRIMARY KEY);");
  });

  test("a database URL: planned against the live schema, which is left as it was", async ({ db }) => {
    await db.query("create table users (id bigint primary key, email text not null, phone text)");
    const { dir } = repository({ "schema/users.sql": AFTER });
    const refused = await runAction(dir, { "database-url": db.url, comment: "false" });
    expect(refused.code).toBe(3);
    expect(refused.outputs).toMatchObject({ "exit-code": "3", changes: "true" });
    expect(refused.comment).toContain("ALTER TABLE users DROP COLUMN phone;");
    expect(refused.comment).toContain("Compared: the database → `schema`.");
    // the URL's password is in neither the comment nor the log
    const password = decodeURIComponent(new URL(db.url).password);
    expect(refused.comment).not.toContain(password);
    expect(refused.steps.map((step) => step.output).join("")).not.toContain(password);
    const columns = await db.query(
      "select column_name from information_schema.columns where table_name = 'users' order by 1",
    );
    expect(columns.rows.map((row) => row.column_name)).toEqual(["email", "id", "phone"]);

    await db.query("alter table users drop column phone; create index users_email on users (email)");
    const clean = await runAction(dir, { "database-url": db.url, comment: "false" });
    expect(clean.code).toBe(0);
    expect(clean.outputs).toMatchObject({ "exit-code": "0", changes: "false" });
    expect(clean.comment).toContain("No changes: the database already matches the desired schema.");
    expect(clean.comment).toContain("✅ **pg-flux:** nothing to migrate.");
  });

  test("a first schema (absent at the base ref) is all created; bad SQL is exit 2 with file:line", async () => {
    const { dir, base } = repository({});
    write(dir, { "schema/users.sql": AFTER });
    const created = await runAction(dir, { "base-ref": base, comment: "false" });
    expect(created.code).toBe(0);
    expect(created.outputs).toMatchObject({ "exit-code": "0", changes: "true" });
    expect(created.comment).toContain("CREATE TABLE users (");
    expect(created.comment).toContain("✅ **pg-flux:** no blocking hazards.");

    write(dir, {
      "schema/users.sql": "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email txt NOT NULL,,\n);\n",
    });
    const invalid = await runAction(dir, { "base-ref": base, comment: "false" });
    expect(invalid.code).toBe(2);
    expect(invalid.outputs).toMatchObject({ "exit-code": "2", changes: "false" });
    expect(invalid.comment).toContain("❌ **pg-flux could not plan this schema** (invalid input, exit 2).");
    expect(invalid.comment).toMatch(/schema\/users\.sql:3:\d+/);

    const unknownRef = await runAction(dir, { "base-ref": "no-such-branch", comment: "false" });
    expect(unknownRef.code).toBe(2);
    expect(unknownRef.comment).toContain("the git ref `no-such-branch` is not in this checkout");
  });
});
