import {
  type Column,
  type ColumnType,
  classifyTypeChange,
  DEFAULT_PLAN_OPTIONS,
  type Hazard,
  type HazardKind,
  ids,
  type Plan,
  quoteIdent,
  quoteQualified,
  type SchemaState,
  setNotNullNeedsCheck,
  type Table,
} from "@pg-flux/core";
import { parse } from "libpg-query";

/**
 * The blocking hazards of a plan, found again from its SQL against the live database: a saved plan
 * is a file anyone can edit, so the hazard gate does not take its hazard list on trust. Each
 * statement of each step is parsed and judged by the planner's own rules (what is dropped, which
 * type changes rewrite or narrow — core `classifyTypeChange` —, which SET NOT NULL scans a big
 * table — core `setNotNullNeedsCheck` —, which constraint scans under ACCESS EXCLUSIVE), following
 * the tables and columns the plan creates and renames before it. Statements pg-flux never plans
 * (DML, DO, CALL, functions run by SELECT, VACUUM FULL, CLUSTER) count as DATA_LOSS or rewrites.
 *
 * Only blocking kinds are found (DATA_LOSS, TABLE_REWRITE, LONG_LOCK, ROLE_DROP, PUBLICATION_DROP), and never fewer than the
 * planner gives an unedited plan: for every recipe and conformance case the kinds found here are
 * among the planner's (engine test/conformance/invariant.ts checks it).
 */

export interface StatementHazardOptions {
  /** The row count from which a plain SET NOT NULL carries LONG_LOCK (default: the planner's, 10000). */
  readonly setNotNullReltuplesHint?: number;
}

/** Each step's hazards found from its SQL, in step order. */
export async function statementHazards(
  plan: Plan,
  live: SchemaState,
  options: StatementHazardOptions = {},
): Promise<readonly (readonly Hazard[])[]> {
  const judge = new Judge(live, {
    setNotNullReltuplesHint: options.setNotNullReltuplesHint ?? DEFAULT_PLAN_OPTIONS.setNotNullReltuplesHint,
  });
  const found: Hazard[][] = [];
  for (const step of plan.steps) {
    let statements: Rec[];
    try {
      statements = ((await parse(step.sql)).stmts ?? []).map((s) => rec(s.stmt));
    } catch {
      found.push([hazard("DATA_LOSS", "its SQL does not parse, so pg-flux cannot tell what it does")]);
      continue;
    }
    found.push(dedupe(statements.flatMap((statement) => judge.statement(statement))));
  }
  return found;
}

/**
 * The plan with every step's hazards completed by those found from its SQL: a kind the step does
 * not list yet is added with the reason found; nothing listed is removed.
 */
export async function withStatementHazards(
  plan: Plan,
  live: SchemaState,
  options: StatementHazardOptions = {},
): Promise<Plan> {
  const found = await statementHazards(plan, live, options);
  return {
    ...plan,
    steps: plan.steps.map((step, index) => {
      const missing = (found[index] ?? []).filter(
        (h) => !step.hazards.some((listed) => listed.kind === h.kind),
      );
      return missing.length === 0 ? step : { ...step, hazards: [...step.hazards, ...missing] };
    }),
  };
}

type Rec = Readonly<Record<string, unknown>>;

function rec(value: unknown): Rec {
  return typeof value === "object" && value !== null ? (value as Rec) : {};
}

function list(value: unknown): Rec[] {
  return Array.isArray(value) ? value.map(rec) : [];
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** `[{ String: { sval } }, …]` → the strings. */
function names(value: unknown): string[] {
  return list(value).map((item) => str(rec(item.String).sval) ?? "");
}

function hazard(kind: HazardKind, reason: string): Hazard {
  return { kind, reason: `found in its SQL: ${reason}` };
}

function dedupe(hazards: readonly Hazard[]): Hazard[] {
  return hazards.filter((h, i) => hazards.findIndex((other) => other.kind === h.kind) === i);
}

/** A table as the plan leaves it so far: its live table (null when the plan created it) and columns. */
interface TrackedTable {
  readonly live: Table | null;
  /** Column name now → its live column (null when the plan added it). */
  readonly columns: Map<string, Column | null>;
  /** Columns a validated CHECK (col IS NOT NULL) covers: their SET NOT NULL does not scan. */
  readonly provenNotNull: Set<string>;
  /** CHECK (col IS NOT NULL) constraints added NOT VALID, by name → column. */
  readonly pendingNotNull: Map<string, string>;
}

const REWRITE = (what: string): Hazard[] => [
  hazard("TABLE_REWRITE", `${what} rewrites the table`),
  hazard("LONG_LOCK", `${what} holds ACCESS EXCLUSIVE while the table is rewritten`),
];

/**
 * The functions the SELECTs pg-flux plans call (moving a sequence into new bounds, or an identity past
 * the rows' highest value). Whether such a
 * move goes backwards depends on the sequence's options, not on the SQL, so setval itself is left to
 * the listed hazards; any other function makes the step DATA_LOSS.
 */
const PLANNED_FUNCTIONS = new Set([
  "setval",
  "coalesce",
  "max",
  "min",
  "pg_get_serial_sequence",
  "pg_sequence_last_value",
]);

/** The schema and name a RangeVar gives (unqualified: public, as plans run with search_path = public). */
function relationName(relation: unknown): { readonly schema: string; readonly name: string } {
  const range = rec(relation);
  return { schema: str(range.schemaname) ?? "public", name: str(range.relname) ?? "" };
}

class Judge {
  /**
   * The tables the plan has touched so far, by table id (`ids.table`): never by schema and name
   * joined as text, which would make `"a.b".c` and `a."b.c"` one table.
   */
  readonly #tables = new Map<string, TrackedTable>();

  constructor(
    private readonly live: SchemaState,
    private readonly options: { readonly setNotNullReltuplesHint: number },
  ) {}

  statement(node: Rec): Hazard[] {
    const [type, body] = Object.entries(node)[0] ?? ["", {}];
    const stmt = rec(body);
    switch (type) {
      case "CreateStmt":
        this.created(stmt);
        return [];
      case "RenameStmt":
        this.renamed(stmt);
        return [];
      case "DropStmt":
        return this.dropped(stmt);
      case "AlterTableStmt":
        return this.altered(stmt);
      // CREATE INDEX without CONCURRENTLY makes writes wait: INDEX_BUILD to the planner, not blocking
      case "TruncateStmt":
      case "DeleteStmt":
      case "UpdateStmt":
      case "MergeStmt":
      case "InsertStmt":
      case "CopyStmt":
        return [
          hazard(
            "DATA_LOSS",
            `${type.replace(/Stmt$/, "").toUpperCase()} changes rows; pg-flux never plans it`,
          ),
        ];
      case "VariableSetStmt":
        return [
          hazard(
            "DATA_LOSS",
            `SET ${str(stmt.name) ?? ""} changes how the statements after it run (names, role); pg-flux never plans it`,
          ),
        ];
      case "DoStmt":
      case "CallStmt":
        return [hazard("DATA_LOSS", `${type === "DoStmt" ? "DO" : "CALL"} runs code pg-flux cannot check`)];
      case "SelectStmt":
        return this.select(stmt);
      case "AlterPublicationStmt":
        // DROP takes tables or schemas out; SET replaces the list, which may leave some out
        return stmt.action === "AP_DropObjects" || (stmt.action === "AP_SetObjects" && stmt.pubobjects)
          ? [
              hazard(
                "PUBLICATION_DROP",
                `ALTER PUBLICATION ${quoteIdent(str(stmt.pubname) ?? "")} ${stmt.action === "AP_DropObjects" ? "DROP" : "SET"} takes tables out of it: their changes stop replicating`,
              ),
            ]
          : [];
      case "DropRoleStmt": {
        const roles = list(stmt.roles).map((role) => quoteIdent(str(rec(role.RoleSpec).rolename) ?? ""));
        return [hazard("ROLE_DROP", `DROP ROLE ${roles.join(", ")} drops from the whole cluster`)];
      }
      case "DropdbStmt":
      case "DropOwnedStmt":
        return [hazard("DATA_LOSS", `${type === "DropdbStmt" ? "DROP DATABASE" : "DROP OWNED"} drops data`)];
      case "VacuumStmt":
        return list(stmt.options).some((o) => str(rec(o.DefElem).defname) === "full")
          ? REWRITE("VACUUM FULL")
          : [];
      case "ClusterStmt":
        return REWRITE("CLUSTER");
      case "RefreshMatViewStmt":
        return stmt.concurrent
          ? []
          : [hazard("LONG_LOCK", "REFRESH MATERIALIZED VIEW holds ACCESS EXCLUSIVE while its query runs")];
      default:
        return [];
    }
  }

  /** The table a RangeVar names, as the plan has left it; null when neither live nor created. */
  #table(relation: unknown): { schema: string; key: string; table: TrackedTable } | null {
    const { schema, name } = relationName(relation);
    const key = ids.table(schema, name);
    const tracked = this.#tables.get(key);
    if (tracked) return { schema, key, table: tracked };
    const live = this.live.tables[key];
    if (!live) return null;
    const checks = liveNotNullChecks(this.live, live);
    const table: TrackedTable = {
      live,
      columns: new Map(live.columns.map((column) => [column.name, column])),
      provenNotNull: checks.proven,
      pendingNotNull: checks.pending,
    };
    this.#tables.set(key, table);
    return { schema, key, table };
  }

  private created(stmt: Rec): void {
    const { schema, name } = relationName(stmt.relation);
    const columns = new Map<string, Column | null>();
    for (const element of list(stmt.tableElts)) {
      const column = str(rec(element.ColumnDef).colname);
      if (column) columns.set(column, null);
    }
    this.#tables.set(ids.table(schema, name), {
      live: null,
      columns,
      provenNotNull: new Set(),
      pendingNotNull: new Map(),
    });
  }

  private renamed(stmt: Rec): void {
    const found = this.#table(stmt.relation);
    if (!found) return;
    const newName = str(stmt.newname) ?? "";
    if (stmt.renameType === "OBJECT_TABLE") {
      this.#tables.delete(found.key);
      this.#tables.set(ids.table(found.schema, newName), found.table);
    } else if (stmt.renameType === "OBJECT_COLUMN") {
      const from = str(stmt.subname) ?? "";
      const column = found.table.columns.get(from);
      found.table.columns.delete(from);
      found.table.columns.set(newName, column ?? null);
    }
  }

  private dropped(stmt: Rec): Hazard[] {
    const kind = str(stmt.removeType);
    const cascade = stmt.behavior === "DROP_CASCADE";
    const hazards: Hazard[] = [];
    for (const object of list(stmt.objects)) {
      const parts = object.List
        ? names(rec(object.List).items)
        : object.String
          ? [str(rec(object.String).sval) ?? ""]
          : names(rec(object.TypeName).names);
      const what = parts.map(quoteIdent).join(".");
      switch (kind) {
        case "OBJECT_TABLE": {
          const found = this.#table({
            schemaname: parts.length > 1 ? parts.at(-2) : undefined,
            relname: parts.at(-1),
          });
          if (found) this.#tables.delete(found.key);
          if (found?.table.live !== null)
            hazards.push(hazard("DATA_LOSS", `DROP TABLE ${what} drops the table with its rows`));
          break;
        }
        case "OBJECT_SCHEMA":
          hazards.push(hazard("DATA_LOSS", `DROP SCHEMA ${what} drops the schema and what it holds`));
          break;
        case "OBJECT_SEQUENCE":
          hazards.push(hazard("DATA_LOSS", `DROP SEQUENCE ${what} drops its current value`));
          break;
        case "OBJECT_EXTENSION":
          hazards.push(hazard("DATA_LOSS", `DROP EXTENSION ${what} drops its types and functions`));
          break;
        case "OBJECT_PUBLICATION":
          hazards.push(
            hazard("PUBLICATION_DROP", `DROP PUBLICATION ${what} stops logical replication of its tables`),
          );
          break;
        default:
          if (cascade)
            hazards.push(hazard("DATA_LOSS", `DROP … ${what} CASCADE may drop columns and tables`));
      }
    }
    return hazards;
  }

  private altered(stmt: Rec): Hazard[] {
    if (stmt.objtype === "OBJECT_TYPE") {
      return list(stmt.cmds).some((cmd) => rec(cmd.AlterTableCmd).subtype === "AT_DropColumn")
        ? [hazard("DATA_LOSS", "ALTER TYPE … DROP ATTRIBUTE drops the attribute's values")]
        : [];
    }
    // ALTER INDEX/VIEW/SEQUENCE … take locks on no table's rows (ALTER INDEX … ATTACH PARTITION included)
    if (stmt.objtype !== "OBJECT_TABLE") return [];
    const found = this.#table(stmt.relation);
    // as written, quoted: `"a.b".c` and `a."b.c"` read differently in a refusal
    const { schema, name } = relationName(stmt.relation);
    const label = str(rec(stmt.relation).schemaname) ? quoteQualified(schema, name) : quoteIdent(name);
    const hazards: Hazard[] = [];
    for (const item of list(stmt.cmds)) {
      const cmd = rec(item.AlterTableCmd);
      hazards.push(...this.command(cmd, found?.table ?? null, label));
    }
    return hazards;
  }

  private command(cmd: Rec, table: TrackedTable | null, label: string): Hazard[] {
    const column = str(cmd.name) ?? "";
    // A table the plan created has no rows at stake. One neither live nor created (another schema
    // on the search_path, a name edited in) is judged as if it held rows and its columns data.
    const created = table !== null && table.live === null;
    const liveColumn = table ? table.columns.get(column) : undefined;
    switch (cmd.subtype) {
      case "AT_DropColumn": {
        table?.columns.delete(column);
        if (created || liveColumn === null) return [];
        if (liveColumn?.generated) return []; // computed from other columns: nothing of its own is lost
        return [hazard("DATA_LOSS", `DROP COLUMN ${label}.${column} drops the column with its data`)];
      }
      case "AT_AddColumn": {
        const def = rec(cmd.def).ColumnDef;
        const name = str(rec(def).colname);
        if (table && name) table.columns.set(name, null);
        const stored = list(rec(def).constraints).some(
          (c) => rec(c.Constraint).contype === "CONSTR_GENERATED" && rec(c.Constraint).generated_kind !== "v",
        );
        return !created && stored ? REWRITE(`adding stored generated column ${label}.${name ?? ""}`) : [];
      }
      case "AT_AlterColumnType": {
        if (created || liveColumn === null) return [];
        const to = columnTypeOf(rec(rec(rec(cmd.def).ColumnDef).typeName), this.live);
        const what = `${label}.${column} changing type`;
        if (!liveColumn || !to)
          return [...REWRITE(what), hazard("DATA_LOSS", `${what} may not fit every row`)];
        const cost = classifyTypeChange(liveColumn.type, to);
        return [
          ...(cost.rewrite ? REWRITE(what) : []),
          ...(cost.narrowing
            ? [hazard("DATA_LOSS", `${what} narrows it: rows that do not fit fail or lose precision`)]
            : []),
        ];
      }
      case "AT_SetNotNull":
        return this.setNotNull(table, column, label);
      case "AT_AddConstraint":
        return this.addConstraint(rec(rec(cmd.def).Constraint), table, label);
      case "AT_ValidateConstraint": {
        const covered = table?.pendingNotNull.get(column);
        if (table && covered) table.provenNotNull.add(covered);
        return [];
      }
      case "AT_SetLogged":
      case "AT_SetUnLogged":
        return !created
          ? REWRITE(`SET ${cmd.subtype === "AT_SetLogged" ? "LOGGED" : "UNLOGGED"} on ${label}`)
          : [];
      case "AT_SetAccessMethod":
      case "AT_SetTableSpace":
        return !created ? REWRITE(`moving ${label}`) : [];
      case "AT_AttachPartition":
        return [
          hazard("LONG_LOCK", `ATTACH PARTITION on ${label} scans the partition to prove its rows fit`),
        ];
      default:
        return [];
    }
  }

  private setNotNull(table: TrackedTable | null, column: string, label: string): Hazard[] {
    const scans = (rows: string) =>
      hazard(
        "LONG_LOCK",
        `SET NOT NULL on ${label}.${column} scans ${rows} under ACCESS EXCLUSIVE (no validated CHECK (${column} IS NOT NULL) before it)`,
      );
    if (!table) return [scans("a table pg-flux cannot find, of unknown size,")];
    const existing = table.live;
    if (!existing || table.columns.get(column) === null || table.provenNotNull.has(column)) return [];
    const reltuples = this.live.stats[existing.id]?.reltuples ?? -1;
    if (!setNotNullNeedsCheck(reltuples, existing.partitionBy !== null, this.options)) return [];
    return [
      scans(
        reltuples < 0 ? "a table never analyzed (its size unknown)" : `about ${Math.round(reltuples)} rows`,
      ),
    ];
  }

  private addConstraint(constraint: Rec, table: TrackedTable | null, label: string): Hazard[] {
    const created = table !== null && table.live === null;
    const notValid = constraint.skip_validation === true;
    switch (constraint.contype) {
      case "CONSTR_CHECK": {
        const column = notNullColumn(constraint.raw_expr);
        const name = str(constraint.conname);
        if (table && column && name) {
          if (notValid) table.pendingNotNull.set(name, column);
          else table.provenNotNull.add(column);
        }
        if (created || notValid || constraint.is_enforced === false) return [];
        return [
          hazard(
            "LONG_LOCK",
            `ADD CONSTRAINT … CHECK on ${label} without NOT VALID scans it under ACCESS EXCLUSIVE`,
          ),
        ];
      }
      case "CONSTR_NOTNULL": {
        const [column] = names(constraint.keys);
        return notValid || !column ? [] : this.setNotNull(table, column, label);
      }
      case "CONSTR_PRIMARY":
      case "CONSTR_UNIQUE":
      case "CONSTR_EXCLUSION":
        if (created || str(constraint.indexname)) return [];
        return [hazard("LONG_LOCK", `ADD CONSTRAINT on ${label} builds its index under ACCESS EXCLUSIVE`)];
      default:
        return [];
    }
  }

  private select(stmt: Rec): Hazard[] {
    const unknown = functionCalls(stmt).filter((name) => !PLANNED_FUNCTIONS.has(name));
    return unknown.length > 0
      ? [
          hazard(
            "DATA_LOSS",
            `SELECT runs ${[...new Set(unknown)].join(", ")}(…), which pg-flux cannot check`,
          ),
        ]
      : [];
  }
}

/**
 * The live table's enforced `CHECK (col IS NOT NULL)` constraints: columns the validated ones cover,
 * and the NOT VALID ones by name → column (a helper a failed run left, which the plan validates).
 */
function liveNotNullChecks(
  live: SchemaState,
  table: Table,
): { proven: Set<string>; pending: Map<string, string> } {
  const proven = new Set<string>();
  const pending = new Map<string, string>();
  for (const c of Object.values(live.constraints)) {
    if (c.table !== table.id || c.kind !== "check" || !c.enforced) continue;
    const column = /^\(*"?([^"()\s]+)"? IS NOT NULL\)*$/i.exec(c.expression)?.[1];
    if (column === undefined) continue;
    if (c.validated) proven.add(column);
    else pending.set(c.name, column);
  }
  return { proven, pending };
}

/** The column of `col IS NOT NULL`, or undefined. */
function notNullColumn(expression: unknown): string | undefined {
  const test = rec(rec(expression).NullTest);
  if (test.nulltesttype !== "IS_NOT_NULL") return undefined;
  const fields = names(rec(rec(test.arg).ColumnRef).fields);
  return fields.length === 1 ? fields[0] : undefined;
}

/** The names of every function a statement calls, lower case, without schema. */
function functionCalls(node: unknown): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === "FuncCall") found.push((names(rec(child).funcname).at(-1) ?? "").toLowerCase());
      visit(child);
    }
  };
  visit(node);
  return found;
}

/** Built-in types whose typmod is a length: the typmod PostgreSQL stores for (n). */
const TYPMOD: Readonly<Record<string, (mods: readonly number[]) => number | undefined>> = {
  varchar: ([n]) => (n === undefined ? undefined : n + 4),
  bpchar: ([n]) => (n === undefined ? undefined : n + 4),
  numeric: ([p, s = 0]) => (p === undefined ? undefined : ((p << 16) | s) + 4),
  bit: ([n]) => n,
  varbit: ([n]) => n,
  timestamp: ([p]) => p,
  timestamptz: ([p]) => p,
  time: ([p]) => p,
  timetz: ([p]) => p,
};

/** Unqualified spellings the grammar leaves as written, and the type each is. */
const BUILTIN_ALIASES: Readonly<Record<string, string>> = {
  int: "int4",
  integer: "int4",
  decimal: "numeric",
};

/**
 * The ColumnType a `TypeName` of an ALTER COLUMN … TYPE denotes, as far as the type change rules
 * need it (schema, name, typmod, array dimensions); undefined when it cannot be told for sure.
 */
function columnTypeOf(typeName: Rec, live: SchemaState): ColumnType | undefined {
  const parts = names(typeName.names);
  if (parts.length === 0 || parts.length > 2) return undefined;
  const name = BUILTIN_ALIASES[parts.at(-1) ?? ""] ?? parts.at(-1) ?? "";
  const schema =
    parts.length === 2 ? parts[0]! : live.types[ids.type("public", name)] ? "public" : "pg_catalog";
  // a typmod of 0 is written { ival: {} }: the JSON leaves zero out
  const mods = list(typeName.typmods).map((m) => {
    const constant = rec(m.A_Const);
    return "ival" in constant ? (rec(constant.ival).ival ?? 0) : undefined;
  });
  let typmod = -1;
  if (mods.length > 0) {
    if (schema !== "pg_catalog" || !mods.every((m): m is number => typeof m === "number")) return undefined;
    const computed = TYPMOD[name]?.(mods);
    if (computed === undefined) return undefined;
    typmod = computed;
  }
  return {
    text: name,
    schema,
    name,
    typmod,
    arrayDimensions: list(typeName.arrayBounds).length,
    category: "",
    storage: "extended",
  };
}
