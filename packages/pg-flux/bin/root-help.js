import { readFileSync } from "node:fs";

/**
 * `pg-flux --help` without loading the command line (yargs and every command module): the root
 * help exactly as the command line prints it, rendered by bundle.mjs at build time for the widths
 * it wraps to most often — 100 columns when the output is not a terminal, 110 on a terminal at
 * least that wide (cli main.ts: `Math.min(110, columns || 100)`). Null for any other width, or
 * without the rendered file: the command line answers then. test/root-help.test.ts compares the two
 * at several widths.
 */
export const HELP_WIDTHS = [100, 110];

/** The rendered root help for a terminal of `columns` (undefined: not a terminal), or null. */
export function rootHelp(columns) {
  const width = Math.min(110, columns || 100);
  if (!HELP_WIDTHS.includes(width)) return null;
  try {
    return readFileSync(new URL(`../dist/help-${width}.txt`, import.meta.url), "utf8");
  } catch {
    return null;
  }
}
