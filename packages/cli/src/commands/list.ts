import path from "node:path";
import type { FluxProject } from "@pg-flux/ledger";
import type { CommandModule } from "../command.js";
import { ledger } from "../engine.js";
import { type Io, redactSecrets } from "../output.js";
import { renderTable } from "./migrations.js";

function connection(project: FluxProject, io: Io): string {
  if (project.urlEnv) return `$${project.urlEnv}${io.env[project.urlEnv] ? "" : " (unset)"}`;
  return project.url ?? "";
}

export const listCommand: CommandModule = (parser, context) =>
  parser.command(
    "list",
    "List the projects configured in flux.json (slug and hash select one: --project --hash)",
    (yargs) =>
      yargs
        .option("config", { type: "string", describe: "flux.json to read (default: ./flux.json)" })
        .option("format", { choices: ["table", "json"] as const, describe: "table or json" })
        .example("pg-flux list", "projects of ./flux.json")
        .example("pg-flux push migrations/ --project percept --hash b915ec8", "then push to one of them")
        .epilogue(
          "Connections are shown as the environment variable that holds them; passwords are never printed.\nExit codes: 0 listed, 2 missing or invalid flux.json.",
        ),
    async (argv) => {
      const file = path.resolve(context.io.cwd, argv.config ?? ledger().FLUX_CONFIG_FILE);
      const config = await ledger().loadFluxConfig(file, true);
      const projects = config?.projects ?? [];
      if (argv.format === "json") {
        const rows = projects.map((project) => ({
          ...project,
          url: project.url,
          connection: connection(project, context.io),
        }));
        context.io.stdout(`${redactSecrets(JSON.stringify({ file, projects: rows }, null, 2))}\n`);
        return;
      }
      const rows = projects.map((project) => [
        project.slug,
        project.hash,
        project.plan,
        project.tenantSchema ?? "",
        connection(project, context.io),
        path.relative(context.io.cwd, project.migrations) || ".",
      ]);
      const table = renderTable(
        ["SLUG", "HASH", "PLAN", "TENANT SCHEMA", "CONNECTION", "MIGRATIONS"],
        rows,
        context.io.isTTY,
      );
      context.io.stdout(`${redactSecrets(projects.length === 0 ? `${file}: no projects` : table)}\n`);
    },
  );
