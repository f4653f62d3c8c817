/**
 * The plan renderers, loaded with the engine (engine.ts) rather than imported where they are used:
 * they reach core's planner, which `pg-flux --help` should not load.
 */
export { renderHuman, renderMarkdown, renderSql } from "@pg-flux/core";
