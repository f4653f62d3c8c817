import { InvalidInputError, quoteIdent, type SchemaState } from "@pg-flux/core";

/**
 * The tenant schema's name in the desired SQL of a fleet, and in every state and plan pg-flux
 * compares across tenants (docs/fleet.md#the-tenant-placeholder). Unqualified names land in it; a
 * schema-qualified reference to the tenant's own schema is written `__tenant__.items`. It is a plain
 * lowercase identifier on purpose: its raw form (in object ids) and its SQL form (in view bodies,
 * defaults, rendered steps) are the same text, so renaming it is one token replacement in both.
 */
export const TENANT_PLACEHOLDER = "__tenant__";

/** Characters that continue an unquoted identifier: a token boundary is anything else. */
const IDENTIFIER_CHAR = "A-Za-z0-9_$\\u0080-\\uffff";

/**
 * A tenant schema can be renamed by token replacement only when its SQL form is its raw name
 * (`t_abc_api`, `public`): a name that needs quotes (`"Tenant-1"`) reads differently in ids and in
 * SQL. Returns why it cannot, or null.
 */
export function tenantNameProblem(schema: string): string | null {
  if (quoteIdent(schema) !== schema)
    return `tenant schema "${schema}" needs quoting in SQL; fleet targets must be plain lowercase identifiers (letters, digits, _)`;
  if (schema === TENANT_PLACEHOLDER)
    return `"${TENANT_PLACEHOLDER}" is the fleet placeholder, not a tenant schema`;
  return null;
}

/**
 * `value` (a SchemaState or a Plan: plain JSON) with every whole-token occurrence of the identifier
 * `from` replaced by `to`: ids (`table:t_abc_api.items`), schema fields and SQL text alike. Both
 * names must be plain identifiers (tenantNameProblem). Used in both directions: a tenant's state →
 * the placeholder (to compare and plan once for identical tenants), and a group's plan → one
 * tenant. Because the placeholder never occurs in a tenant's own state (`assertNoPlaceholder`), the
 * way back restores exactly the original text.
 */
export function renameSchemaToken<T>(value: T, from: string, to: string): T {
  if (from === to) return value;
  const pattern = new RegExp(`(?<![${IDENTIFIER_CHAR}])${escapeRegExp(from)}(?![${IDENTIFIER_CHAR}])`, "g");
  return JSON.parse(JSON.stringify(value).replace(pattern, to)) as T;
}

/**
 * A tenant's state with its schema renamed to the placeholder (renameSchemaToken), the role names
 * of its policies kept: a role is not the schema, and a policy without TO of a database of its own
 * names the role `public`, spelled like its tenant schema `public`.
 */
export function tenantAsPlaceholder(state: SchemaState, schema: string): SchemaState {
  return withPolicyRoles(renameSchemaToken(state, schema, TENANT_PLACEHOLDER), schema);
}

/**
 * The desired state (loaded into the placeholder schema) as it compares with a tenant called
 * `schema` (tenantAsPlaceholder): a word of the desired state spelled like the tenant schema (a
 * comment's `public`, for the `public` schema of a database of its own) becomes the placeholder as
 * it does in the tenant's state, or the two never agree; policies' roles stay roles. The identity
 * for a name the desired state does not spell.
 */
export function desiredForTenant(desired: SchemaState, schema: string): SchemaState {
  const spelled = renameSchemaToken(
    renameSchemaToken(desired, TENANT_PLACEHOLDER, schema),
    schema,
    TENANT_PLACEHOLDER,
  );
  return withPolicyRoles(spelled, schema);
}

/** `state` with the placeholder among its policies' roles put back to the role `schema` spells. */
function withPolicyRoles(state: SchemaState, schema: string): SchemaState {
  const policies = Object.fromEntries(
    Object.entries(state.policies).map(([id, policy]) => [
      id,
      policy.roles.includes(TENANT_PLACEHOLDER)
        ? { ...policy, roles: policy.roles.map((role) => (role === TENANT_PLACEHOLDER ? schema : role)) }
        : policy,
    ]),
  );
  return { ...state, policies };
}

/** Refuses a state that already spells the placeholder: the rename back would not be exact. */
export function assertNoPlaceholder(value: unknown, where: string): void {
  if (JSON.stringify(value).includes(TENANT_PLACEHOLDER)) {
    throw new InvalidInputError([
      {
        message: `${where} already contains the name ${TENANT_PLACEHOLDER}, pg-flux's placeholder for the tenant schema`,
        hint: `rename what is called ${TENANT_PLACEHOLDER} there: fleet plans rename the tenant schema to it and back`,
      },
    ]);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
