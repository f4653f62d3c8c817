import { encodeId } from "../../model/ids.js";
import type { TextSearchRef } from "../text-search-parser/text-search-parser.model.js";

/** The dictionaries one token type of the parser is looked up in, in order (`ADD MAPPING FOR … WITH …`). */
export interface TextSearchMapping {
  /** The token type's alias (`asciiword`), as the parser's `ts_token_type` names it. */
  readonly token: string;
  readonly dictionaries: readonly TextSearchRef[];
}

/**
 * `CREATE TEXT SEARCH CONFIGURATION name (PARSER = p)` plus its mappings (`COPY = other` is read
 * as what it made: the parser and mappings copied). Mappings change in place (`ALTER … ADD / ALTER /
 * DROP MAPPING`), the parser only by DROP + CREATE.
 */
export interface TextSearchConfiguration {
  readonly kind: "text_search_configuration";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly parser: TextSearchRef;
  /** In the parser's token type order. */
  readonly mappings: readonly TextSearchMapping[];
  readonly owner: string;
  readonly comment: string | null;
}

/** `text_search_configuration:public.english_unaccent`. */
export function textSearchConfigurationId(schema: string, name: string): string {
  return encodeId("text_search_configuration", [schema, name]);
}
