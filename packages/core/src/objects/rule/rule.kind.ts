import { quoteIdent, quoteQualified } from "../../sql/quote.js";
import { PRIORITY } from "../../step/priorities.js";
import { lockOn } from "../../step/step.js";
import { type DefinitionKindSpec, ownId } from "../kind.js";
import { type Rule, ruleId } from "./rule.model.js";
import { renderAlterRule, renderCreateRule, renderDropRule, ruleTarget } from "./rule.render.js";

interface Named {
  readonly schema: string;
  readonly name: string;
}

/**
 * `pg_get_ruledef` text as the server prints it after its relation's rename: `ON event TO
 * schema.relation` (always qualified in the inspector's empty search_path).
 */
export function renamedRuleRelation(definition: string, from: Named, to: Named): string {
  if (from.schema === to.schema && from.name === to.name) return definition;
  const match = new RegExp(` TO ${escapeRegExp(quoteQualified(from.schema, from.name))}(?=\\s)`).exec(
    definition,
  );
  if (!match) return definition;
  return `${definition.slice(0, match.index)} TO ${quoteQualified(to.schema, to.name)}${definition.slice(match.index + match[0].length)}`;
}

/** `pg_get_ruledef` text after the rule's own rename: `CREATE RULE name AS …`. */
function renamedRuleName(definition: string, from: string, to: string): string {
  const head = `CREATE RULE ${quoteIdent(from)} AS`;
  return from === to || !definition.startsWith(head)
    ? definition
    : `CREATE RULE ${quoteIdent(to)} AS${definition.slice(head.length)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Rules (`CREATE RULE`, not a view's `_RETURN`): created after their table or view and after what
 * their actions use (catalog dependencies), a new definition replaced in place (`CREATE OR REPLACE
 * RULE`), their state set by `ALTER TABLE … ENABLE/DISABLE RULE`, dropped before their relation;
 * created again around a view or column the plan recreates (the cascade). They move with their
 * table or view.
 */
export const ruleKind: DefinitionKindSpec<Rule> = {
  ids: ownId,
  managed: (rule, { isManaged, tableKept, state }) =>
    isManaged(rule.schema) && (state.tables[rule.relationId] === undefined || tableKept(rule.relationId)),
  rename: {
    identity: (rule, { tableOf, inSchema, hinted, state, typeRefs }) => {
      const view = state.views[rule.relationId];
      const on = tableOf(rule.relationId) ??
        (view ? (hinted(view.id) ?? { schema: inSchema(view.schema), name: view.name }) : undefined) ?? {
          schema: inSchema(rule.schema),
          name: rule.relation,
        };
      const definition = renamedRuleRelation(
        rule.definition,
        { schema: rule.schema, name: rule.relation },
        on,
      );
      const name = hinted(rule.id)?.name ?? rule.name;
      return {
        ...rule,
        id: ruleId(on.schema, on.name, name),
        schema: on.schema,
        relation: on.name,
        name,
        definition: typeRefs.casts(renamedRuleName(definition, rule.name, name)),
      };
    },
    references: (rule, mapId) => ({ ...rule, relationId: mapId(rule.relationId) }),
  },
  fingerprint: "when_present",
  owned: null,
  definition: {
    id: (rule: Omit<Rule, "id">) => ruleId(rule.schema, rule.relation, rule.name),
    noun: "rule",
    catalogKinds: ["rule"],
    target: ruleTarget,
    create: renderCreateRule,
    drop: renderDropRule,
    alter: renderAlterRule,
    requires: (rule) => [rule.relationId],
    // `ALTER RULE r ON t RENAME TO`, after its table's or view's own rename
    renamed: "within_relation",
    renameRequires: (rule) => [rule.relationId],
    priority: { create: PRIORITY.CREATE_TRIGGER, drop: PRIORITY.DROP_TRIGGER },
    lock: (rule) => lockOn("access_exclusive", rule.relationId),
  },
};
