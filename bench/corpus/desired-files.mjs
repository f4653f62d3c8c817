/**
 * The files pg-flux plans from for a corpus schema. Six upstream corpora hold statements the
 * desired-state rules reject on purpose — roles (postgrest-big, supabase, the preambles' role DO
 * blocks), rows (kitchen-sink's seed INSERTs, adventureworks' data-modifying WITH) and object kinds
 * pg-flux does not manage (danbooru's CREATE OPERATOR, supabase's CREATE PUBLICATION): server-wide
 * objects, data and unmanaged kinds are not desired schema, and `migrate plan` stops on them with a
 * list of problems, as designed. A user moves them out (roles once per server, rows and unmanaged
 * objects into `pg-flux push` migrations); the bench does the same thing mechanically: exactly the
 * statements with one of those problems are
 * blanked in a copy (line numbers kept, the same rule as packages/engine/test/desired/corpus.test.ts).
 * Any other problem is left in, so it still fails the plan. The live database gets the files as they
 * are (psql), so the roles exist on the server.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { analyzeScript, loadParser, readSources } from "@pg-flux/parser";

/** Problems that mean "not schema" by design; the statement is blanked. */
const NOT_SCHEMA = [
  /^desired state is schema, not data/,
  /acts on the whole server/,
  /pg-flux does not manage /,
];

/**
 * @param {readonly string[]} files absolute paths, in load order
 * @param {string} outDir where the copies go (one per file, the same base names)
 * @returns {Promise<{ files: string[], blanked: number, reasons: string[] }>}
 */
export async function desiredFiles(files, outDir) {
  await loadParser();
  const script = readSources(files);
  const analyzed = analyzeScript(script);
  const texts = new Map(script.files.map((file) => [file.name, file.text]));
  const reasons = new Set();
  let blanked = 0;
  for (const problem of analyzed.problems) {
    if (!NOT_SCHEMA.some((pattern) => pattern.test(problem.message))) continue;
    const statement = analyzed.statements.find(
      (s) =>
        s.location.file === problem.location?.file &&
        s.location.line === problem.location.line &&
        s.location.column === problem.location.column,
    );
    if (!statement) continue;
    const { file, start, end } = statement.script;
    const text = texts.get(file.name) ?? "";
    texts.set(
      file.name,
      text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, " ") + text.slice(end),
    );
    blanked += 1;
    reasons.add(problem.message.replace(/: (move|remove) .*$/, ""));
  }
  if (blanked === 0) return { files: [...files], blanked, reasons: [] };
  mkdirSync(outDir, { recursive: true });
  const copies = script.files.map((file, index) => {
    const copy = path.join(outDir, `${String(index).padStart(2, "0")}-${path.basename(file.name)}`);
    writeFileSync(copy, texts.get(file.name) ?? "");
    return copy;
  });
  return { files: copies, blanked, reasons: [...reasons] };
}
