import { type DefaultPrivilege, ids, type Policy } from "@pg-flux/core";
import type { DefaultPrivilegeRow } from "../queries/default-privileges.sql.js";
import type { PolicyRow } from "../queries/policies.sql.js";
import { DEFAULT_ACL_OBJECT, decode, POLICY_COMMAND } from "./codes.js";
import { readBackForm } from "./expression-form.js";
import { sortedText } from "./order.js";
import { readPrivileges } from "./privileges.js";

export function readPolicy(row: PolicyRow): Policy {
  return {
    kind: "policy",
    id: ids.policy(row.schema, row.table, row.name),
    schema: row.schema,
    name: row.name,
    table: ids.table(row.schema, row.table),
    command: decode("policy command", POLICY_COMMAND, row.command),
    permissive: row.permissive,
    roles: sortedText(row.roles),
    using: row.using === null ? null : readBackForm(row.using, "plain"),
    withCheck: row.withCheck === null ? null : readBackForm(row.withCheck, "plain"),
    comment: row.comment,
  };
}

export function readDefaultPrivilege(row: DefaultPrivilegeRow): DefaultPrivilege {
  const objectType = decode("default privilege object type", DEFAULT_ACL_OBJECT, row.objectType);
  return {
    kind: "default_privilege",
    id: ids.defaultPrivilege(row.role, row.schema, objectType),
    role: row.role,
    schema: row.schema,
    objectType,
    privileges: readPrivileges(row.privileges),
  };
}
