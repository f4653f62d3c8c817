import { databaseTarget, planMigrations, pushMigrations } from "pg-flux";

/**
 * Versioned migration files, as `pg-flux push migrations/` runs them: each pending file once, in
 * order, recorded in the ledger (schema `flux`). `resolvePushTarget` reads the target from flux.json
 * instead (`--project`/`--hash`); `databaseTarget` names one database directly.
 */
export async function deploy(databaseUrl: string, cwd: string): Promise<readonly string[]> {
  const target = databaseTarget(databaseUrl);
  const pending = await planMigrations({ target, path: "migrations", cwd });
  const log = pending.status === "pending" ? pending.steps.map((step) => `pending ${step.file}`) : [];

  const result = await pushMigrations({ target, path: "migrations", cwd, reload: { skip: true } });
  switch (result.status) {
    case "applied":
      return [...log, ...result.applied.map((file) => `applied ${file.file}`)];
    case "nothing_to_do":
      return [...log, "nothing to do"];
    case "failed": // files before it stay applied; error.location is file:line:column in the file
      throw result.failure.error;
    case "refused": // an applied file was edited (checksum_conflict), or a legacy ledger
      throw new Error(`${result.message} (${result.hint})`);
    case "interrupted": // only with a signal: the running statement was cancelled, the lock released
      throw new Error("interrupted");
  }
}
