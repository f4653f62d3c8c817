import {
  conversionId,
  foreignDataWrapperId,
  foreignServerId,
  foreignTableId,
  ids,
  languageId,
  operatorClassId,
  operatorFamilyId,
  operatorId,
  publicationId,
  ruleId,
  textSearchConfigurationId,
  textSearchDictionaryId,
  textSearchParserId,
  textSearchTemplateId,
} from "@pg-flux/core";
import type { DoStmt, Node } from "libpg-query";
import { nodeType } from "../statements/statement.model.js";
import { nameList } from "../statements/walk.js";
import { readDoBlock } from "../validate/do-block.js";
import { type HintKind, NOT_RENAMEABLE } from "./hint.model.js";

type Rec = Readonly<Record<string, unknown>>;

/** The object a statement creates, as a rename target: its kind, schema, name and id. */
export interface StatementTarget {
  readonly kinds: readonly HintKind[];
  readonly schema: string;
  readonly name: string;
  /** Builds the id for this target's kind under another schema/name (the hint's `from`). */
  readonly idFor: (schema: string, name: string) => string;
  readonly label: string;
  /** Policies and triggers: the table they are on. */
  readonly table?: { readonly schema: string; readonly name: string };
}

const body = (node: Node): Rec => (node as unknown as Readonly<Record<string, Rec>>)[nodeType(node)] ?? {};

/** The rename target of an object-level hint above `node`, or null with the statement's label. */
export function statementTarget(node: Node, defaultSchema: string): StatementTarget | string {
  const type = nodeType(node);
  const b = body(node);
  const rel = (value: unknown) => {
    const r = value as Rec | undefined;
    return {
      schema: typeof r?.schemaname === "string" ? r.schemaname : defaultSchema,
      name: typeof r?.relname === "string" ? r.relname : "",
    };
  };
  const named = (names: readonly string[]) => ({
    schema: names.length >= 2 ? (names[names.length - 2] as string) : defaultSchema,
    name: names[names.length - 1] ?? "",
  });
  switch (type) {
    case "CreateStmt": {
      const r = rel(b.relation);
      return { kinds: ["table"], ...r, idFor: ids.table, label: "CREATE TABLE" };
    }
    case "IndexStmt": {
      const r = rel(b.relation);
      return {
        kinds: ["index"],
        schema: r.schema,
        name: String(b.idxname ?? ""),
        idFor: ids.index,
        label: "CREATE INDEX",
      };
    }
    case "ViewStmt":
      return { kinds: ["view"], ...rel(b.view), idFor: ids.view, label: "CREATE VIEW" };
    case "CreateTableAsStmt": {
      const into = b.into as Rec | undefined;
      if (b.objtype !== "OBJECT_MATVIEW") return "CREATE TABLE AS";
      return {
        kinds: ["materialized_view"],
        ...rel(into?.rel),
        idFor: ids.materializedView,
        label: "CREATE MATERIALIZED VIEW",
      };
    }
    case "CreateSeqStmt":
      return { kinds: ["sequence"], ...rel(b.sequence), idFor: ids.sequence, label: "CREATE SEQUENCE" };
    case "CreateEnumStmt":
    case "CreateRangeStmt":
      return {
        kinds: ["type"],
        ...named(nameList(b.typeName as unknown[])),
        idFor: ids.type,
        label: "CREATE TYPE",
      };
    case "CreateDomainStmt":
      return {
        kinds: ["type"],
        ...named(nameList(b.domainname as unknown[])),
        idFor: ids.type,
        label: "CREATE DOMAIN",
      };
    case "CompositeTypeStmt":
      return { kinds: ["type"], ...rel(b.typevar), idFor: ids.type, label: "CREATE TYPE" };
    case "CreateFunctionStmt": {
      const target = named(nameList(b.funcname as unknown[]));
      const args = identityArguments(b.parameters as unknown[] | undefined);
      return {
        kinds: ["function"],
        ...target,
        idFor: (schema, name) => ids.function(schema, name, args),
        label: b.is_procedure === true ? "CREATE PROCEDURE" : "CREATE FUNCTION",
      };
    }
    case "DefineStmt": {
      const defined = definedTarget(b, named(nameList(b.defnames as unknown[])));
      if (defined) return defined;
      if (b.kind !== "OBJECT_AGGREGATE") return "Define";
      const target = named(nameList(b.defnames as unknown[]));
      const list = ((b.args as unknown[] | undefined)?.[0] as { List?: { items?: unknown[] } } | undefined)
        ?.List;
      const args = identityArguments(list?.items);
      return {
        kinds: ["aggregate"],
        ...target,
        idFor: (schema, name) => ids.aggregate(schema, name, args),
        label: "CREATE AGGREGATE",
      };
    }
    case "CreatePolicyStmt": {
      const table = rel(b.table);
      return {
        kinds: ["policy"],
        schema: table.schema,
        name: String(b.policy_name ?? ""),
        idFor: (schema, name) => ids.policy(schema, table.name, name),
        label: "CREATE POLICY",
        table,
      };
    }
    case "CreateTrigStmt": {
      const table = rel(b.relation);
      return {
        kinds: ["trigger"],
        schema: table.schema,
        name: String(b.trigname ?? ""),
        idFor: (schema, name) => ids.trigger(schema, table.name, name),
        label: "CREATE TRIGGER",
        table,
      };
    }
    case "CreateSchemaStmt":
      return {
        kinds: ["schema"],
        schema: "",
        name: String(b.schemaname ?? ""),
        idFor: (_s, n) => ids.schema(n),
        label: "CREATE SCHEMA",
      };
    case "AlterTableStmt": {
      const cmds = (b.cmds as unknown[] | undefined) ?? [];
      const r = rel(b.relation);
      const added = cmds
        .map((cmd) => (cmd as { AlterTableCmd?: Rec }).AlterTableCmd)
        .filter((cmd) => cmd?.subtype === "AT_AddConstraint")
        .map((cmd) => ((cmd?.def as Rec | undefined)?.Constraint as Rec | undefined)?.conname);
      if (added.length === 1 && typeof added[0] === "string") {
        const conname = added[0];
        return {
          kinds: ["constraint"],
          schema: r.schema,
          name: conname,
          idFor: (schema, name) => ids.constraint(schema, r.name, name),
          label: "ALTER TABLE … ADD CONSTRAINT",
        };
      }
      return "ALTER TABLE";
    }
    case "CreateRoleStmt":
      return roleTarget(b, "CREATE ROLE");
    case "CreatePublicationStmt":
      return databaseWide("publication", b.pubname, publicationId, "CREATE PUBLICATION");
    case "CreateFdwStmt":
      return databaseWide(
        "foreign_data_wrapper",
        b.fdwname,
        foreignDataWrapperId,
        "CREATE FOREIGN DATA WRAPPER",
      );
    case "CreateForeignServerStmt":
      return databaseWide("foreign_server", b.servername, foreignServerId, "CREATE SERVER");
    case "CreatePLangStmt":
      return databaseWide("language", b.plname, languageId, "CREATE LANGUAGE");
    case "CreateForeignTableStmt": {
      const base = b.base as Rec | undefined;
      return {
        kinds: ["foreign_table"],
        ...rel(base?.relation),
        idFor: foreignTableId,
        label: "CREATE FOREIGN TABLE",
      };
    }
    case "CreateOpClassStmt":
    case "CreateOpFamilyStmt": {
      const family = type === "CreateOpFamilyStmt";
      const method = String(b.amname ?? "");
      const makeId = family ? operatorFamilyId : operatorClassId;
      return {
        kinds: [family ? "operator_family" : "operator_class"],
        ...named(nameList((family ? b.opfamilyname : b.opclassname) as unknown[])),
        idFor: (schema, name) => makeId(schema, name, method),
        label: family ? "CREATE OPERATOR FAMILY" : "CREATE OPERATOR CLASS",
      };
    }
    case "CreateConversionStmt":
      return {
        kinds: ["conversion"],
        ...named(nameList(b.conversion_name as unknown[])),
        idFor: conversionId,
        label: "CREATE CONVERSION",
      };
    case "CreateStatsStmt":
      return {
        kinds: ["statistics"],
        ...named(nameList(b.defnames as unknown[])),
        idFor: ids.statistics,
        label: "CREATE STATISTICS",
      };
    case "CreateEventTrigStmt":
      return databaseWide("event_trigger", b.trigname, ids.eventTrigger, "CREATE EVENT TRIGGER");
    case "RuleStmt": {
      const table = rel(b.relation);
      return {
        kinds: ["rule"],
        schema: table.schema,
        name: String(b.rulename ?? ""),
        idFor: (schema, name) => ruleId(schema, table.name, name),
        label: "CREATE RULE",
        table,
      };
    }
    case "DoStmt": {
      // the idempotent idiom: a DO block whose only statement creates one role
      const inner = readDoBlock(b as DoStmt).statements;
      const only = inner.length === 1 ? inner[0]?.node : undefined;
      return only && nodeType(only) === "CreateRoleStmt" ? roleTarget(body(only), "DO … CREATE ROLE") : "DO";
    }
    default: {
      const refused = NOT_RENAMEABLE[type];
      return refused ? `${refused.label}: ${refused.reason}` : type.replace(/Stmt$/, "");
    }
  }
}

/** A kind of the database (no schema): a publication, a wrapper, a server, a language. */
function databaseWide(
  kind: HintKind,
  name: unknown,
  makeId: (name: string) => string,
  label: string,
): StatementTarget {
  return { kinds: [kind], schema: "", name: String(name ?? ""), idFor: (_schema, n) => makeId(n), label };
}

/** Text search objects and operators (`CREATE TEXT SEARCH …`, `CREATE OPERATOR`: DefineStmt). */
function definedTarget(b: Rec, target: { schema: string; name: string }): StatementTarget | null {
  const simple = (kind: HintKind, makeId: (schema: string, name: string) => string, label: string) => ({
    kinds: [kind],
    ...target,
    idFor: makeId,
    label,
  });
  switch (b.kind) {
    case "OBJECT_TSPARSER":
      return simple("text_search_parser", textSearchParserId, "CREATE TEXT SEARCH PARSER");
    case "OBJECT_TSTEMPLATE":
      return simple("text_search_template", textSearchTemplateId, "CREATE TEXT SEARCH TEMPLATE");
    case "OBJECT_TSDICTIONARY":
      return simple("text_search_dictionary", textSearchDictionaryId, "CREATE TEXT SEARCH DICTIONARY");
    case "OBJECT_TSCONFIGURATION":
      return simple(
        "text_search_configuration",
        textSearchConfigurationId,
        "CREATE TEXT SEARCH CONFIGURATION",
      );
    case "OBJECT_OPERATOR": {
      // its argument types as format_type prints them (the loader takes the server's when it differs)
      const argument = (which: string) => {
        const element = ((b.definition as unknown[] | undefined) ?? [])
          .map((item) => (item as { DefElem?: Rec }).DefElem)
          .find((item) => item?.defname === which);
        const typeName = (element?.arg as { TypeName?: Rec } | undefined)?.TypeName;
        return typeName ? typeText(typeName) : null;
      };
      const left = argument("leftarg");
      const right = argument("rightarg") ?? "NONE";
      return simple("operator", (schema, name) => operatorId(schema, name, left, right), "CREATE OPERATOR");
    }
    default:
      return null;
  }
}

function roleTarget(b: Rec, label: string): StatementTarget {
  return {
    kinds: ["role"],
    schema: "",
    name: String(b.role ?? ""),
    idFor: (_schema, name) => ids.role(name),
    label,
  };
}

/**
 * A best-effort `pg_get_function_identity_arguments` from the AST (names, IN/INOUT/VARIADIC,
 * built-in types spelled as format_type spells them). The loader replaces it with the server's
 * text when the function exists in the scratch database.
 */
export function identityArguments(parameters: readonly unknown[] | undefined): string {
  const parts: string[] = [];
  for (const parameter of parameters ?? []) {
    const p = (parameter as { FunctionParameter?: Rec }).FunctionParameter;
    if (!p) continue;
    const mode = p.mode;
    if (mode === "FUNC_PARAM_OUT" || mode === "FUNC_PARAM_TABLE") continue;
    const prefix = mode === "FUNC_PARAM_INOUT" ? "INOUT " : mode === "FUNC_PARAM_VARIADIC" ? "VARIADIC " : "";
    const name = typeof p.name === "string" ? `${p.name} ` : "";
    parts.push(`${prefix}${name}${typeText(p.argType as Rec | undefined)}`);
  }
  return parts.join(", ");
}

const BUILTIN: Readonly<Record<string, string>> = {
  int2: "smallint",
  int4: "integer",
  int8: "bigint",
  float4: "real",
  float8: "double precision",
  bool: "boolean",
  varchar: "character varying",
  bpchar: "character",
  timestamptz: "timestamp with time zone",
  timestamp: "timestamp without time zone",
  timetz: "time with time zone",
  time: "time without time zone",
  varbit: "bit varying",
};

function typeText(typeName: Rec | undefined): string {
  const names = nameList(typeName?.names as unknown[] | undefined);
  const last = names[names.length - 1] ?? "";
  let text: string;
  if (names.length === 2 && names[0] === "pg_catalog") text = BUILTIN[last] ?? last;
  else if (names.length === 1) text = BUILTIN[last] ?? last;
  else text = names.join(".");
  const bounds = (typeName?.arrayBounds as unknown[] | undefined)?.length ?? 0;
  return text + "[]".repeat(bounds);
}
