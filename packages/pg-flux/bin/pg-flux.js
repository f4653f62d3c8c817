#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { rootHelp } from "./root-help.js";

const args = process.argv.slice(2);
const help = args.length === 1 && args[0] === "--help" ? rootHelp(process.stdout.columns) : null;
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  // answered before the CLI loads: `pg-flux --version` stays instant
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  process.stdout.write(`${manifest.version}\n`);
} else if (help !== null) {
  // the root help, rendered at build time (root-help.js): no need to load the CLI either
  process.stdout.write(help);
} else {
  const { main } = await import("../dist/cli.js");
  process.exitCode = await main(args);
}
