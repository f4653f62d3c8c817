import { encodeId } from "../../model/ids.js";
import type { TextSearchRef } from "../text-search-parser/text-search-parser.model.js";

/**
 * One of a dictionary's template options (`stopwords = 'english'`), as the server keeps it: a string,
 * or a number written without quotes (PostgreSQL keeps the difference, so pg-flux does too).
 */
export interface TextSearchDictionaryOption {
  readonly name: string;
  readonly value: string;
  readonly numeric: boolean;
}

/**
 * `CREATE TEXT SEARCH DICTIONARY name (TEMPLATE = t, option = value, …)`: its options change in place
 * (`ALTER TEXT SEARCH DICTIONARY … (option = value)`), its template only by DROP + CREATE.
 */
export interface TextSearchDictionary {
  readonly kind: "text_search_dictionary";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly template: TextSearchRef;
  /** In the order the server keeps them (`dictinitoption`). */
  readonly options: readonly TextSearchDictionaryOption[];
  readonly owner: string;
  readonly comment: string | null;
}

/** `text_search_dictionary:public.english_nostop`. */
export function textSearchDictionaryId(schema: string, name: string): string {
  return encodeId("text_search_dictionary", [schema, name]);
}
