/**
 * Maps catalog rows (`pg_class` oid 16400, sub-id 3) to model ids while the readers run, so that
 * pg_depend edges can be told in ids. Sub-id 0 is the object itself; a positive sub-id a column.
 */
export class CatalogIds {
  readonly #ids = new Map<string, string>();

  set(catalog: string, oid: number, id: string, subid = 0): void {
    this.#ids.set(`${catalog}:${oid}:${subid}`, id);
  }

  /** The id of a row; a column of a relation without column ids resolves to the relation. */
  get(catalog: string, oid: number, subid: number): string | undefined {
    return this.#ids.get(`${catalog}:${oid}:${subid}`) ?? this.#ids.get(`${catalog}:${oid}:0`);
  }
}
