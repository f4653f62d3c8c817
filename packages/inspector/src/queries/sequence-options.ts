/** JSON object of a `pg_sequence` row aliased `s`, in the shape of `SequenceOptions`. */
export function sequenceOptionsJson(s: string): string {
  return (
    `json_build_object('dataType', format_type(${s}.seqtypid, null), 'start', ${s}.seqstart::text,` +
    ` 'increment', ${s}.seqincrement::text, 'min', ${s}.seqmin::text, 'max', ${s}.seqmax::text,` +
    ` 'cache', ${s}.seqcache::text, 'cycle', ${s}.seqcycle)`
  );
}
