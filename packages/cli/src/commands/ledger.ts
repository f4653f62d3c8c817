import { InvalidInputError } from "@pg-flux/core/basics";
import type { CommandModule } from "../command.js";
import { ledger } from "../engine.js";
import { EXIT } from "../exit-codes.js";
import { redactSecrets } from "../output.js";
import { withOptions } from "./option-table.js";
import { resolveTarget } from "./push.js";

export const ledgerCommand: CommandModule = (parser, context) =>
  parser.command("ledger", "Maintain the migration ledger (flux.flux_migrations)", (yargs) =>
    yargs
      .command(
        "upgrade",
        "Upgrade a legacy global ledger: assign rows without a tenant schema to one tenant, key by (tenant_schema, version)",
        (upgrade) =>
          withOptions(upgrade, "ledger upgrade")
            .option("assign-legacy-to", {
              type: "string",
              demandOption: true,
              describe: "the tenant schema (t_<shortId>_api) the legacy rows belong to",
            })
            .option("format", { choices: ["human", "json"] as const, default: "human" as const })
            .example(
              "pg-flux ledger upgrade --assign-legacy-to t_abc123_api --database-url $DATABASE_URL",
              "once per pooled database; the same as bin/migrate-pooled-ledger.sh",
            )
            .epilogue(
              [
                "One transaction: it completes or changes nothing. Running it again does nothing.",
                "Refuses (exit 3) when the tenant schema does not exist, or when the tenant already recorded a",
                "legacy version with a different checksum (which file ran is then ambiguous).",
                "Exit codes: 0 upgraded or nothing to do, 1 connection failure, 2 invalid input, 3 refused.",
              ].join("\n"),
            ),
        async (argv) => {
          const tenant = argv["assign-legacy-to"];
          if (!tenant.trim()) {
            throw new InvalidInputError([{ message: "--assign-legacy-to needs a tenant schema name" }]);
          }
          const { target } = await resolveTarget(argv, context.io);
          const result = await ledger().upgradeLedger({ url: target.url, assignLegacyTo: tenant });
          context.exitCode = result.status === "refused" ? EXIT.refused : EXIT.ok;
          if (argv.format === "json") {
            context.io.stdout(`${redactSecrets(JSON.stringify(result, null, 2))}\n`);
            return;
          }
          switch (result.status) {
            case "applied":
            case "nothing_to_do":
              context.io.stdout(
                `${result.status === "applied" ? "Upgraded" : "Nothing to do"}: ${result.message}\n`,
              );
              break;
            case "refused":
              context.io.stderr(`Error: ${result.message}\n  hint: ${result.hint}\n`);
              break;
            default: {
              const _exhaustive: never = result;
              return _exhaustive;
            }
          }
        },
      )
      .demandCommand(1, "name a subcommand: pg-flux ledger upgrade"),
  );
