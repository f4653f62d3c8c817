import { apply, blockingHazards, HAZARD_REFUSAL, planMigration } from "pg-flux";

/**
 * Dropping a column loses data: `apply` refuses until the hazard is allowed, exactly like
 * `pg-flux migrate apply` without `--allow-hazards=DATA_LOSS`.
 */
export async function dropLegacyColumn(databaseUrl: string): Promise<readonly string[]> {
  const { plan } = await planMigration({
    databaseUrl,
    sources: [{ name: "schema.sql", text: "CREATE TABLE users (id bigint PRIMARY KEY);" }],
  });
  const log = blockingHazards(plan, []).map(({ step, hazard }) => `${hazard.kind}: ${step.sql}`);

  const refused = await apply(plan, { databaseUrl });
  if (refused.status === "refused" && refused.message.startsWith(HAZARD_REFUSAL)) log.push("refused");

  const allowed = await apply(plan, { databaseUrl, allowHazards: ["DATA_LOSS"] });
  log.push(allowed.status);
  return log;
}
