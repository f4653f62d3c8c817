/** The command line, bundled into dist/cli.js for bin/pg-flux.js (see bundle.mjs). */
export { main } from "@pg-flux/cli";
