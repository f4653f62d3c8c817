import { InvalidInputError } from "@pg-flux/core";
import { analyzeScript, type DesiredScript } from "./desired-script.js";
import { type ReadSourcesOptions, readSources, type SourceInput } from "./sources.js";
import { loadParser } from "./statements/parse.js";

/**
 * Reads, parses, validates and orders desired-state sources. Throws InvalidInputError listing every
 * problem of every file when there is any.
 */
export async function readDesiredState(
  inputs: readonly SourceInput[],
  options: ReadSourcesOptions = {},
): Promise<DesiredScript> {
  await loadParser();
  const desired = analyzeScript(readSources(inputs, options));
  if (desired.problems.length > 0) throw new InvalidInputError(desired.problems);
  return desired;
}
