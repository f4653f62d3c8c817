import { ids, type SourceLocation } from "@pg-flux/core";
import { statementTarget } from "../hints/targets.js";
import { locationOfAstOffset } from "../statements/offsets.js";
import type { StatementObjects } from "./order.js";

type Rec = Readonly<Record<string, unknown>>;

/**
 * Where each object is defined: object id → location of the statement (columns and inline
 * constraints: of their definition). The first definition wins. Function ids carry the parser's
 * rendering of the identity arguments; the loader re-keys them to the server's.
 */
export function objectLocations(objects: readonly StatementObjects[]): Record<string, SourceLocation> {
  const locations: Record<string, SourceLocation> = {};
  const put = (id: string, location: SourceLocation) => {
    if (!(id in locations)) locations[id] = location;
  };
  for (const { statement, defaultSchema } of objects) {
    const target = statementTarget(statement.node, defaultSchema);
    if (typeof target !== "string") put(target.idFor(target.schema, target.name), statement.location);
    const body = (statement.node as unknown as Readonly<Record<string, Rec>>)[statement.type] ?? {};
    const relation = body.relation as Rec | undefined;
    const schema = typeof relation?.schemaname === "string" ? relation.schemaname : defaultSchema;
    const table = typeof relation?.relname === "string" ? relation.relname : "";
    if (statement.type === "CreateStmt") {
      for (const element of (body.tableElts as unknown[]) ?? []) {
        const column = (element as { ColumnDef?: Rec }).ColumnDef;
        const constraint = (element as { Constraint?: Rec }).Constraint;
        const at = (offset: unknown) =>
          typeof offset === "number" && offset >= 0
            ? locationOfAstOffset(statement.script, offset)
            : statement.location;
        if (column && typeof column.colname === "string") {
          put(ids.column(schema, table, column.colname), at(column.location));
          for (const inline of (column.constraints as unknown[]) ?? []) {
            const named = (inline as { Constraint?: Rec }).Constraint;
            if (typeof named?.conname === "string")
              put(ids.constraint(schema, table, named.conname), at(named.location));
          }
        }
        if (typeof constraint?.conname === "string")
          put(ids.constraint(schema, table, constraint.conname), at(constraint.location));
      }
    }
    if (statement.type === "CreateTrigStmt" && typeof body.trigname === "string") {
      put(ids.trigger(schema, table, body.trigname), statement.location);
    }
    if (statement.type === "CreatePolicyStmt" && typeof body.policy_name === "string") {
      const policyTable = body.table as Rec | undefined;
      const policySchema =
        typeof policyTable?.schemaname === "string" ? policyTable.schemaname : defaultSchema;
      put(ids.policy(policySchema, String(policyTable?.relname ?? ""), body.policy_name), statement.location);
    }
  }
  return locations;
}
