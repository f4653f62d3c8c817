#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { helpRequest, renderedHelp } from "./help.js";

const args = process.argv.slice(2);
const words = helpRequest(args);
const help = words ? renderedHelp(words, process.stdout.columns) : null;
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  // answered before the CLI loads: `pg-flux --version` stays instant
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  process.stdout.write(`${manifest.version}\n`);
} else if (help !== null) {
  // a command's help, rendered at build time (help.js): no need to load the CLI either
  process.stdout.write(help);
} else {
  const { main } = await import("../dist/cli.js");
  process.exitCode = await main(args);
}
