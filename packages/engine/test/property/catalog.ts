/**
 * Lookups over one model of the generator (model.ts) by uid, and the SQL fragments that depend on a
 * column's type: its type name, the defaults, CHECK and index expressions it can have, whether a type
 * change can work. Names are quoted here and in render.ts only, through core's quote module.
 */
import { quoteIdent, quoteLiteral, quoteQualified } from "@pg-flux/core";
import type {
  BuiltinType,
  Column,
  ColumnType,
  DomainType,
  Family,
  Func,
  Key,
  Model,
  Table,
  Uid,
  UserType,
  View,
} from "./model.js";
import { LITERALS } from "./names.js";

/** Where a column uid lives: a table's column or a view's output column. */
export type ColumnOwner =
  | { readonly kind: "table"; readonly table: Table; readonly column: Column }
  | { readonly kind: "view"; readonly view: View; readonly name: string; readonly type: ColumnType };

/** Lookups by uid over one model (built once per render or edit). */
export class Catalog {
  readonly schemas = new Map<Uid, string>();
  readonly types = new Map<Uid, UserType>();
  readonly tables = new Map<Uid, Table>();
  readonly views = new Map<Uid, View>();
  readonly functions = new Map<Uid, Func>();
  readonly columns = new Map<Uid, ColumnOwner>();
  readonly keys = new Map<Uid, { table: Table; key: Key }>();

  constructor(readonly model: Model) {
    for (const schema of model.schemas) this.schemas.set(schema.uid, schema.name);
    for (const type of model.types) this.types.set(type.uid, type);
    for (const fn of model.functions) this.functions.set(fn.uid, fn);
    for (const table of model.tables) {
      this.tables.set(table.uid, table);
      for (const column of table.columns) this.columns.set(column.uid, { kind: "table", table, column });
      for (const key of [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniques])
        this.keys.set(key.uid, { table, key });
    }
    for (const view of model.views) {
      this.views.set(view.uid, view);
      for (const column of view.columns) {
        const source = this.columns.get(column.source);
        if (!source) continue;
        const fn = column.fn === null ? undefined : this.functions.get(column.fn);
        const type: ColumnType = fn
          ? { kind: "builtin", name: fn.returns }
          : source.kind === "table"
            ? source.column.type
            : source.type;
        this.columns.set(column.uid, { kind: "view", view, name: column.alias, type });
      }
    }
  }

  qualified(schema: Uid, name: string): string {
    return quoteQualified(this.schemas.get(schema) ?? "public", name);
  }

  columnName(uid: Uid): string {
    const owner = this.columns.get(uid);
    if (!owner) throw new Error(`generator: no column ${uid}`);
    return owner.kind === "table" ? owner.column.name : owner.name;
  }

  columnType(uid: Uid): ColumnType {
    const owner = this.columns.get(uid);
    if (!owner) throw new Error(`generator: no column ${uid}`);
    return owner.kind === "table" ? owner.column.type : owner.type;
  }

  /** The table or view a view selects from. */
  relation(uid: Uid): { schema: Uid; name: string } | undefined {
    return this.tables.get(uid) ?? this.views.get(uid);
  }

  family(type: ColumnType): Family {
    switch (type.kind) {
      case "varchar":
        return "text";
      case "decimal":
        return "numeric";
      case "array":
        return "array";
      case "user": {
        const user = this.types.get(type.type);
        if (!user) throw new Error(`generator: no type ${type.type}`);
        if (user.kind === "domain") return this.family(user.base);
        return user.kind;
      }
      case "builtin":
        return BUILTIN_FAMILY[type.name];
      case "extension":
        return type.name === "citext" ? "text" : "hstore";
    }
  }

  /** OPERATOR(schema.op) of an installed extension: its schema need not be on the search path. */
  extensionOperator(extension: string, operator: string): string {
    const schema = this.extensionSchema(extension);
    if (schema === undefined) throw new Error(`generator: extension ${extension} not installed`);
    return `OPERATOR(${quoteIdent(this.schemas.get(schema)!)}.${operator})`;
  }

  /** The schema an installed extension lives in (undefined when it is not installed). */
  extensionSchema(name: string): Uid | undefined {
    return this.model.extensions.find((extension) => extension.name === name)?.schema;
  }

  /** Whether `ALTER COLUMN … TYPE to` can work on an empty table (with `USING c::to` where needed). */
  castable(from: ColumnType, to: ColumnType): boolean {
    const a = this.family(from);
    const b = this.family(to);
    if (a === b) return a !== "composite" || JSON.stringify(from) === JSON.stringify(to);
    if (a === "text" || b === "text") return true;
    return (a === "int" && b === "numeric") || (a === "numeric" && b === "int");
  }

  typeSql(type: ColumnType): string {
    switch (type.kind) {
      case "builtin":
        return type.name;
      case "varchar":
        return `varchar(${type.length})`;
      case "decimal":
        return `numeric(${type.precision}, ${type.scale})`;
      case "array":
        return `${type.element}[]`;
      case "user": {
        const user = this.types.get(type.type);
        if (!user) throw new Error(`generator: no type ${type.type}`);
        return this.qualified(user.schema, user.name);
      }
      case "extension": {
        const schema = this.extensionSchema(type.name);
        if (schema === undefined) throw new Error(`generator: extension type ${type.name} not installed`);
        return this.qualified(schema, type.name);
      }
    }
  }

  /**
   * The defaults a column of this type may have; a column's `default` picks one by position, so a
   * type change keeps a valid default (another candidate of the new type).
   */
  defaultCandidates(type: ColumnType): string[] {
    if (type.kind === "user") {
      const user = this.types.get(type.type);
      if (user?.kind === "enum") return user.values.map((value) => quoteLiteral(value.label));
      if (user?.kind === "domain") return this.defaultCandidates(user.base);
      return [];
    }
    switch (this.family(type)) {
      case "int":
        return [
          "0",
          "42",
          "-1",
          ...this.model.sequences.map(
            (seq) => `nextval(${quoteLiteral(this.qualified(seq.schema, seq.name))})`,
          ),
          ...this.model.functions
            .filter((fn) => fn.kind === "scalar")
            .map((fn) => `${this.qualified(fn.schema, fn.name)}(1)`),
        ];
      case "numeric":
        return ["0", "1.5"];
      case "text":
        return LITERALS.filter((literal) => type.kind !== "varchar" || literal.length <= type.length).map(
          quoteLiteral,
        );
      case "bool":
        return ["true", "false"];
      case "time":
        return type.kind === "builtin" && type.name === "date"
          ? ["CURRENT_DATE", "'2020-02-29'"]
          : ["now()", "CURRENT_TIMESTAMP", "'2020-01-01 00:00:00+00'"];
      case "json":
        return ["'{}'::jsonb", `${quoteLiteral('["ü", 1]')}::jsonb`];
      case "uuid":
        return ["gen_random_uuid()"];
      case "array":
        return ["'{}'"];
      case "hstore":
        return [`${quoteLiteral("a=>1")}::${this.typeSql(type)}`];
      case "enum":
      case "composite":
        return [];
    }
  }

  /** An integer computed from a column, to pass to a scalar function (`prefix` qualifies the name). */
  integerOf(column: Uid, prefix = ""): string {
    const name = `${prefix}${quoteIdent(this.columnName(column))}`;
    switch (this.family(this.columnType(column))) {
      case "int":
      case "numeric":
        return `${name}::integer`;
      case "text":
        return `length(${name})`;
      case "array":
        return `cardinality(${name})`;
      default:
        return `num_nulls(${name})`;
    }
  }

  /** A call of scalar function `fn` on an integer expression. */
  call(fn: Uid, argument: string): string {
    const routine = this.functions.get(fn);
    if (!routine) throw new Error(`generator: no function ${fn}`);
    return `${this.qualified(routine.schema, routine.name)}(${argument})`;
  }

  /** A CHECK expression over `column` (variant picks among those that suit its type). */
  checkSql(column: Uid, variant: number, fn: Uid | null = null): string {
    if (fn !== null) return `${this.call(fn, this.integerOf(column))} >= 0`;
    const name = quoteIdent(this.columnName(column));
    const options: Record<Family, string[]> = {
      int: [`${name} >= 0`, `${name} <> 7`],
      numeric: [`${name} >= 0`, `${name} < 1000000`],
      text: [`length(${name}) < 100`, `${name} <> ${quoteLiteral("it's")}`],
      bool: [`${name} IS NOT NULL`],
      time: [`${name} IS NOT NULL`],
      json: [`jsonb_typeof(${name}) <> 'null'`],
      uuid: [`${name} IS NOT NULL`],
      array: [`cardinality(${name}) < 10`],
      enum: [`${name} IS NOT NULL`],
      composite: [`${name} IS NOT NULL`],
      // (a column of type hstore exists only while its extension does)
      hstore:
        this.extensionSchema("hstore") === undefined
          ? []
          : [`${name} IS NOT NULL`, `NOT (${name} ${this.extensionOperator("hstore", "?")} 'x')`],
    };
    const list = options[this.family(this.columnType(column))];
    return list[variant % list.length]!;
  }

  /** A domain's CHECK over VALUE. */
  domainCheckSql(domain: DomainType, variant: number): string {
    const options: Partial<Record<Family, string[]>> = {
      int: ["VALUE >= 0", "VALUE <> 13"],
      numeric: ["VALUE >= 0"],
      text: ["VALUE <> ''", "length(VALUE) <= 64"],
    };
    const list = options[this.family(domain.base)] ?? ["VALUE IS NOT NULL"];
    return list[variant % list.length]!;
  }

  /** The expression a generated column computes from its source column (same family as the source). */
  generatedSql(source: Uid, fn: Uid | null): string {
    if (fn !== null) return this.call(fn, this.integerOf(source));
    const name = quoteIdent(this.columnName(source));
    switch (this.family(this.columnType(source))) {
      case "int":
      case "numeric":
        return `${name} * 2`;
      case "text":
        return `lower(${name})`;
      default:
        throw new Error(`generator: no generated expression over ${this.family(this.columnType(source))}`);
    }
  }

  /** An index expression over a column (immutable, of its type). */
  indexExpressionSql(column: Uid): string {
    const name = quoteIdent(this.columnName(column));
    return this.family(this.columnType(column)) === "text" ? `lower(${name})` : `(${name} + 1)`;
  }
}

const BUILTIN_FAMILY: Record<BuiltinType, Family> = {
  integer: "int",
  bigint: "int",
  smallint: "int",
  text: "text",
  boolean: "bool",
  numeric: "numeric",
  timestamptz: "time",
  date: "time",
  jsonb: "json",
  uuid: "uuid",
};
