import { formatProblem } from "@pg-flux/core";
import { analyzeScript, type DesiredScript } from "../desired-script.js";
import { type IncludeHost, readScript } from "../script/lexer.js";
import { sourceFile } from "../script/source-file.js";
import { loadParser } from "../statements/parse.js";

/** Test helper: analyzes in-memory files (name → text); `\i` resolves among them. */
export async function analyzeFiles(
  files: Readonly<Record<string, string>>,
  entry?: readonly string[],
): Promise<DesiredScript> {
  await loadParser();
  const host: IncludeHost = {
    include(target) {
      const text = files[target];
      return text === undefined ? `cannot read included file ${target}` : sourceFile(target, text, target);
    },
  };
  const names = entry ?? Object.keys(files);
  return analyzeScript(
    readScript(
      names.map((name) => sourceFile(name, files[name] ?? "", name)),
      host,
    ),
  );
}

export async function analyzeText(text: string, name = "schema.sql"): Promise<DesiredScript> {
  return analyzeFiles({ [name]: text });
}

/** The formatted problems, as a user sees them. */
export function messages(desired: DesiredScript): string[] {
  return desired.problems.map(formatProblem);
}
