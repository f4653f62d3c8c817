import type { Node } from "libpg-query";
import { nodeType } from "../statements/statement.model.js";
import { nameList, walk } from "../statements/walk.js";

/**
 * What a statement defines and references, as keys in these namespaces: `rel:` (tables, views,
 * sequences, indexes share one namespace), `type:`, `func:` (functions, procedures, aggregates),
 * `stats:` (statistics objects), `coll:` (collations), `schema:` and `ext:`. Coarse on purpose: load order only needs "who must run before whom".
 */
export interface ObjectKeys {
  readonly defines: readonly string[];
  readonly references: readonly string[];
}

type Rec = Readonly<Record<string, unknown>>;

const qualified = (prefix: string, names: readonly string[], defaultSchema: string): string | null => {
  const name = names[names.length - 1];
  if (name === undefined) return null;
  const schema = names.length >= 2 ? names[names.length - 2] : defaultSchema;
  if (schema === "pg_catalog" || schema === "information_schema") return null;
  return `${prefix}:${schema}.${name}`;
};

const relKey = (rangeVar: Rec | undefined, defaultSchema: string): string | null => {
  // an unqualified name resolves to the search_path's first schema
  if (!rangeVar || typeof rangeVar.relname !== "string") return null;
  const schema = typeof rangeVar.schemaname === "string" ? rangeVar.schemaname : defaultSchema;
  return `rel:${schema}.${rangeVar.relname}`;
};

const REL_OBJECTS = new Set([
  "OBJECT_TABLE",
  "OBJECT_VIEW",
  "OBJECT_MATVIEW",
  "OBJECT_SEQUENCE",
  "OBJECT_INDEX",
  "OBJECT_FOREIGN_TABLE",
]);
const TYPE_OBJECTS = new Set(["OBJECT_TYPE", "OBJECT_DOMAIN"]);
const FUNC_OBJECTS = new Set(["OBJECT_FUNCTION", "OBJECT_PROCEDURE", "OBJECT_AGGREGATE", "OBJECT_ROUTINE"]);

/** Key of an object named in COMMENT/ALTER … OWNER/DROP/GRANT forms (`object` field of various nodes). */
export function keyOfNamedObject(objtype: unknown, object: unknown, defaultSchema: string): string | null {
  if (typeof objtype !== "string" || object === undefined || object === null) return null;
  const rec = object as Rec;
  if (objtype === "OBJECT_SCHEMA") {
    const name = (rec.String as Rec | undefined)?.sval;
    return typeof name === "string" ? `schema:${name}` : null;
  }
  if (objtype === "OBJECT_EXTENSION") {
    const name = (rec.String as Rec | undefined)?.sval;
    return typeof name === "string" ? `ext:${name}` : null;
  }
  if (REL_OBJECTS.has(objtype)) {
    const items = (rec.List as Rec | undefined)?.items;
    return qualified("rel", nameList(items as unknown[] | undefined), defaultSchema);
  }
  if (TYPE_OBJECTS.has(objtype)) {
    const typeName = rec.TypeName as Rec | undefined;
    return qualified("type", nameList(typeName?.names as unknown[] | undefined), defaultSchema);
  }
  if (objtype === "OBJECT_COLLATION") {
    const items = (rec.List as Rec | undefined)?.items;
    return qualified("coll", nameList(items as unknown[] | undefined), defaultSchema);
  }
  if (objtype === "OBJECT_STATISTIC_EXT") {
    const items = (rec.List as Rec | undefined)?.items;
    return qualified("stats", nameList(items as unknown[] | undefined), defaultSchema);
  }
  if (FUNC_OBJECTS.has(objtype)) {
    const owa = rec.ObjectWithArgs as Rec | undefined;
    return qualified("func", nameList(owa?.objname as unknown[] | undefined), defaultSchema);
  }
  return null;
}

/** The keys of the objects a statement creates. */
export function definedKeys(node: Node, defaultSchema: string): string[] {
  const type = nodeType(node);
  const body = (node as unknown as Readonly<Record<string, Rec>>)[type] ?? {};
  const keys: (string | null)[] = [];
  switch (type) {
    case "CreateStmt": {
      const rel = relKey(body.relation as Rec | undefined, defaultSchema);
      keys.push(rel, rel ? rel.replace(/^rel:/, "type:") : null);
      break;
    }
    case "CreateForeignTableStmt": {
      const base = body.base as Rec | undefined;
      keys.push(relKey(base?.relation as Rec | undefined, defaultSchema));
      break;
    }
    case "CreateTableAsStmt":
      keys.push(relKey((body.into as Rec | undefined)?.rel as Rec | undefined, defaultSchema));
      break;
    case "ViewStmt":
      keys.push(relKey(body.view as Rec | undefined, defaultSchema));
      break;
    case "CreateSeqStmt":
      keys.push(relKey(body.sequence as Rec | undefined, defaultSchema));
      break;
    case "IndexStmt": {
      const relation = body.relation as Rec | undefined;
      if (typeof body.idxname === "string") {
        const schema = typeof relation?.schemaname === "string" ? relation.schemaname : defaultSchema;
        keys.push(`rel:${schema}.${body.idxname}`);
      }
      break;
    }
    case "CompositeTypeStmt": {
      const rel = relKey(body.typevar as Rec | undefined, defaultSchema);
      keys.push(rel ? rel.replace(/^rel:/, "type:") : null);
      break;
    }
    case "CreateEnumStmt":
    case "CreateRangeStmt":
      keys.push(qualified("type", nameList(body.typeName as unknown[] | undefined), defaultSchema));
      break;
    case "CreateDomainStmt":
      keys.push(qualified("type", nameList(body.domainname as unknown[] | undefined), defaultSchema));
      break;
    case "DefineStmt": {
      const names = nameList(body.defnames as unknown[] | undefined);
      if (body.kind === "OBJECT_TYPE") keys.push(qualified("type", names, defaultSchema));
      if (body.kind === "OBJECT_AGGREGATE") keys.push(qualified("func", names, defaultSchema));
      if (body.kind === "OBJECT_COLLATION") keys.push(qualified("coll", names, defaultSchema));
      break;
    }
    case "CreateStatsStmt":
      keys.push(qualified("stats", nameList(body.defnames as unknown[] | undefined), defaultSchema));
      break;
    case "CreateFunctionStmt":
      keys.push(qualified("func", nameList(body.funcname as unknown[] | undefined), defaultSchema));
      break;
    case "CreateSchemaStmt":
      if (typeof body.schemaname === "string") keys.push(`schema:${body.schemaname}`);
      break;
    case "CreateExtensionStmt":
      if (typeof body.extname === "string") keys.push(`ext:${body.extname}`);
      break;
  }
  return keys.filter((key): key is string => key !== null);
}

/** The keys of the objects a statement names (including what it defines; callers subtract). */
export function referencedKeys(node: Node, defaultSchema: string): string[] {
  const keys = new Set<string>();
  const add = (key: string | null) => {
    if (key) keys.add(key);
  };
  const addSchemaOf = (names: readonly string[]) => {
    if (names.length >= 2) {
      const schema = names[names.length - 2] as string;
      if (schema !== "pg_catalog" && schema !== "information_schema") keys.add(`schema:${schema}`);
    }
  };
  walk(node, (found, value) => {
    let key = found;
    // RangeVar appears wrapped ({RangeVar: …}) and bare (relation, view, pktable, …): only it has relname
    if (typeof value.relname === "string") {
      add(relKey(value, defaultSchema));
      if (typeof value.schemaname === "string") keys.add(`schema:${value.schemaname}`);
      return;
    }
    // COLLATE clauses (a column's collClause, CollateClause in expressions)
    if (Array.isArray(value.collname)) {
      const names = nameList(value.collname as unknown[]);
      add(qualified("coll", names, defaultSchema));
      addSchemaOf(names);
    }
    // TypeName and ObjectWithArgs also appear bare (argType, typeName, func, …): recognise by shape
    if (Array.isArray(value.names) && "typemod" in value) key = "TypeName";
    else if (Array.isArray(value.objname)) key = "ObjectWithArgs";
    switch (key) {
      case "TypeName": {
        const names = nameList(value.names as unknown[] | undefined);
        add(qualified("type", names, defaultSchema));
        addSchemaOf(names);
        break;
      }
      case "FuncCall": {
        const names = nameList(value.funcname as unknown[] | undefined);
        add(qualified("func", names, defaultSchema));
        addSchemaOf(names);
        break;
      }
      case "CreateTrigStmt": {
        const names = nameList(value.funcname as unknown[] | undefined);
        add(qualified("func", names, defaultSchema));
        break;
      }
      case "ObjectWithArgs": {
        const names = nameList(value.objname as unknown[] | undefined);
        add(qualified("func", names, defaultSchema));
        addSchemaOf(names);
        break;
      }
    }
  });
  const type = nodeType(node);
  const body = (node as unknown as Readonly<Record<string, Rec>>)[type] ?? {};
  const objtype = body.objtype ?? body.objectType ?? body.renameType ?? body.removeType;
  add(keyOfNamedObject(objtype, body.object, defaultSchema));
  if (Array.isArray(body.objects))
    for (const object of body.objects) add(keyOfNamedObject(objtype, object, defaultSchema));
  if (type === "CreateStatsStmt" || type === "AlterStatsStmt") {
    const names = nameList(body.defnames as unknown[] | undefined);
    add(qualified("stats", names, defaultSchema));
    addSchemaOf(names);
  }
  if (typeof body.schemaname === "string" && type !== "CreateSchemaStmt")
    keys.add(`schema:${body.schemaname}`);
  if (type === "CreateExtensionStmt" || type === "AlterObjectSchemaStmt") {
    for (const option of [...((body.options as unknown[]) ?? [])]) {
      const def = (option as { DefElem?: { defname?: string; arg?: { String?: { sval?: string } } } })
        .DefElem;
      if (def?.defname === "schema" && def.arg?.String?.sval) keys.add(`schema:${def.arg.String.sval}`);
    }
    if (typeof body.newschema === "string") keys.add(`schema:${body.newschema}`);
  }
  return [...keys];
}
