/**
 * What pg-flux runs for a lock recipe. The real planner's output when it is built (plan of the
 * recipe's desired DDL against the live table); until then the statement sequence the migration
 * recipes document (recipes.mjs `seed`), labelled as such in every result.
 */

/**
 * @param {import("./recipes.mjs").Recipe} recipe
 * @param {string} _url the live database (for the planner)
 * @returns {Promise<{ source: string, statements: readonly string[] }>}
 */
export async function pgFluxStatements(recipe, _url) {
  return { source: "seed statements (planner not built)", statements: recipe.seed };
}
