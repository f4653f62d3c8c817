import { readFileSync } from "node:fs";

/**
 * `pg-flux [command …] --help` without loading the command line (yargs and every command module):
 * each command's help exactly as the command line prints it, rendered by bundle.mjs at build time
 * (dist/help/) for the widths it wraps to most often — 100 columns when the output is not a
 * terminal, 110 on a terminal at least that wide (cli main.ts: `Math.min(110, columns || 100)`).
 * Laying the help out (yargs' cliui) and loading the modules cost 3–4× what node's own start-up
 * does. Null for any other width, other arguments, or a command without a rendered file (an
 * unknown one): the command line answers then. test/help.test.ts compares the two for every command.
 */
export const HELP_WIDTHS = [100, 110];

/** The command words of `pg-flux <words…> --help` (none for the root help), or null for any other arguments. */
export function helpRequest(args) {
  if (args.at(-1) !== "--help") return null;
  const words = args.slice(0, -1);
  return words.every((word) => /^[a-z][a-z-]*$/.test(word)) ? words : null;
}

/** Where the help of command `words` rendered for `width` columns is kept, under dist/help/. */
export function helpFile(words, width) {
  return `${["pg-flux", ...words].join("_")}.${width}.txt`;
}

/** The rendered help of command `words` for a terminal of `columns` (undefined: not a terminal), or null. */
export function renderedHelp(words, columns) {
  const width = Math.min(110, columns || 100);
  if (!HELP_WIDTHS.includes(width)) return null;
  try {
    return readFileSync(new URL(`../dist/help/${helpFile(words, width)}`, import.meta.url), "utf8");
  } catch {
    return null;
  }
}
