import { InvalidInputError, type SourceLocation } from "@pg-flux/core";

/**
 * Runs `work` (the planner) and gives the problems it reports about a desired object the place the
 * files define it (`file:line:col`), which only the loader knows.
 */
export function locatingProblems<T>(locations: Readonly<Record<string, SourceLocation>>, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const located = error.problems.map((problem) => {
      const location = problem.objectId === undefined ? undefined : locations[problem.objectId];
      return problem.location || !location ? problem : { ...problem, location };
    });
    throw new InvalidInputError(located, error.cause);
  }
}
