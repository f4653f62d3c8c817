#!/usr/bin/env node
import { main } from "@pg-flux/cli";

process.exitCode = await main(process.argv.slice(2));
