import { quoteLiteral } from "../../sql/quote.js";
import { relationName } from "../sql.js";
import type { Conversion } from "./conversion.model.js";

/** A conversion's name: public unqualified (objects/sql.ts). */
export function conversionName(conversion: Conversion): string {
  return relationName(conversion.schema, conversion.name);
}

/**
 * `CREATE [DEFAULT] CONVERSION name FOR 'source_encoding' TO 'dest_encoding' FROM function_name;`
 * https://www.postgresql.org/docs/current/sql-createconversion.html
 */
export function renderCreateConversion(conversion: Conversion): string {
  const fn = relationName(conversion.function.schema, conversion.function.name);
  return `CREATE ${conversion.isDefault ? "DEFAULT " : ""}CONVERSION ${conversionName(conversion)} FOR ${quoteLiteral(conversion.source)} TO ${quoteLiteral(conversion.target)} FROM ${fn};`;
}

/**
 * `DROP CONVERSION name;`
 * https://www.postgresql.org/docs/current/sql-dropconversion.html
 */
export function renderDropConversion(conversion: Conversion): string {
  return `DROP CONVERSION ${conversionName(conversion)};`;
}
