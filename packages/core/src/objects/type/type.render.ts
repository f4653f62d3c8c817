import type { TypeDefinition } from "../../model/state.js";
import { quoteIdent } from "../../sql/quote.js";
import { renderCreateComposite } from "../composite/composite.render.js";
import { renderCreateDomain } from "../domain/domain.render.js";
import { renderCreateEnum } from "../enum/enum.render.js";
import { defaultMultirangeName, renderCreateRange } from "../range/range.render.js";
import { qualifiedName, relationName } from "../sql.js";
import type { ConvertedColumn } from "./type.change.js";

type Named = { readonly schema: string; readonly name: string };

/**
 * The CREATE statement of a type, optionally under another name (the temporary name of a
 * recreate); a range created under a temporary name gets the derived multirange name.
 */
export function renderCreateType(type: TypeDefinition, name: Named = type): string {
  switch (type.kind) {
    case "enum":
      return renderCreateEnum(name, type.labels);
    case "composite":
      return renderCreateComposite(name, type.attributes);
    case "domain":
      return renderCreateDomain(type, name);
    case "range":
      return renderCreateRange(
        type,
        name,
        name.name === type.name ? type.multirangeName : defaultMultirangeName(name.name),
      );
    default: {
      const _exhaustive: never = type;
      return _exhaustive;
    }
  }
}

/** `TYPE` or `DOMAIN`, as DROP/ALTER name the kind. */
function keyword(type: Pick<TypeDefinition, "kind">): string {
  return type.kind === "domain" ? "DOMAIN" : "TYPE";
}

/**
 * `DROP TYPE name;` / `DROP DOMAIN name;`
 * https://www.postgresql.org/docs/current/sql-droptype.html
 */
export function renderDropType(type: Pick<TypeDefinition, "kind"> & Named, name: Named = type): string {
  return `DROP ${keyword(type)} ${relationName(name.schema, name.name)};`;
}

/**
 * `ALTER TYPE name RENAME TO new;` / `ALTER DOMAIN name RENAME TO new;`
 * https://www.postgresql.org/docs/current/sql-altertype.html
 */
export function renderRenameType(type: TypeDefinition, from: Named, to: string): string {
  return `ALTER ${keyword(type)} ${relationName(from.schema, from.name)} RENAME TO ${quoteIdent(to)};`;
}

/**
 * `ALTER TYPE public.name SET SCHEMA app;` / `ALTER DOMAIN …` (the source always qualified, see sql.ts).
 * https://www.postgresql.org/docs/current/sql-altertype.html
 */
export function renderTypeSetSchema(type: TypeDefinition, from: Named, schema: string): string {
  return `ALTER ${keyword(type)} ${qualifiedName(from.schema, from.name)} SET SCHEMA ${quoteIdent(schema)};`;
}

/**
 * `ALTER TABLE t ALTER COLUMN c TYPE new USING c::text::new;` — the seed's cast through text (enum
 * labels and range literals survive it); a domain casts directly, through its base type.
 * https://www.postgresql.org/docs/current/sql-altertable.html
 */
export function renderConvertColumn(type: TypeDefinition, column: ConvertedColumn, to: Named): string {
  const target = `${relationName(to.schema, to.name)}${column.arraySuffix}`;
  const via = type.kind === "domain" ? "" : `::text${column.arraySuffix}`;
  const name = quoteIdent(column.column);
  return `ALTER TABLE ${relationName(column.table.schema, column.table.name)} ALTER COLUMN ${name} TYPE ${target} USING ${name}${via}::${target};`;
}
