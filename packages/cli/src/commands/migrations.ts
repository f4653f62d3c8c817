import type { MigrationListing } from "@pg-flux/ledger";
import type { CommandModule } from "../command.js";
import { ledger } from "../engine.js";
import { redactSecrets } from "../output.js";
import { withOptions } from "./option-table.js";
import { defaultMigrationsPath, resolveTarget } from "./push.js";

/**
 * Rows as aligned columns on a terminal, tab-separated otherwise (easy to `cut`). One renderer for
 * `migrations list` and `list`.
 */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  tty: boolean,
): string {
  if (!tty) return [headers, ...rows].map((row) => row.join("\t")).join("\n");
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  return [headers, ...rows]
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

const STATE_LABEL = {
  applied: "applied",
  pending: "pending",
  partial: "PARTLY applied",
  changed: "CHANGED after apply",
  missing_file: "missing file",
} as const;

function renderListing(listing: MigrationListing, tty: boolean): string {
  const rows = listing.migrations.map((entry) => [
    entry.version,
    entry.name,
    STATE_LABEL[entry.state],
    entry.appliedAt ? entry.appliedAt.toISOString() : "",
    (entry.recordedChecksum ?? entry.currentChecksum ?? "").slice(0, 12),
    entry.file ?? "",
  ]);
  const lines = [renderTable(["VERSION", "NAME", "STATE", "APPLIED AT", "CHECKSUM", "FILE"], rows, tty)];
  if (listing.repeatables.length > 0) {
    lines.push(
      "",
      renderTable(
        ["REPEATABLE", "STATE", "LAST RUN", "CHECKSUM"],
        listing.repeatables.map((entry) => [
          entry.path,
          entry.state.replace("_", " "),
          entry.lastRun.toISOString(),
          entry.checksum.slice(0, 12),
        ]),
        tty,
      ),
    );
  }
  if (tty) {
    const tenant = listing.target.tenantSchema ? ` · tenant ${listing.target.tenantSchema}` : "";
    lines.unshift(`Target: ${listing.target.label}${tenant} · ${listing.directory}`);
    if (!listing.ledgerExists) lines.push("The ledger does not exist yet; the first push creates it.");
    for (const entry of listing.migrations) {
      if (!entry.partial) continue;
      const { statementsDone: done, statementsTotal: total, updatedAt, error } = entry.partial;
      lines.push(
        `${entry.file ?? entry.version}: a push on ${updatedAt.toISOString()} stopped after ${done} of ${total} statements${error ? ` (${error.split("\n")[0]})` : ""}; the next push resumes at statement ${done + 1}.`,
      );
    }
    if (listing.migrations.some((entry) => entry.state === "changed")) {
      lines.push("A changed migration blocks every push: restore it and write a new migration instead.");
    }
  }
  return lines.join("\n");
}

export const migrationsCommand: CommandModule = (parser, context) =>
  parser.command("migrations", "Inspect versioned migrations and the ledger", (yargs) =>
    yargs
      .command(
        "list [path]",
        "The ledger next to the files: applied (when, checksum), pending, partly applied, changed after apply, missing file",
        (list) =>
          withOptions(
            list.positional("path", {
              type: "string",
              describe:
                "the migrations directory (default: the project's migrations folder, else ./migrations)",
            }),
            "migrations list",
          )
            .option("format", {
              choices: ["table", "json"] as const,
              describe: "table (aligned on a terminal, tab-separated otherwise) or json",
            })
            .example("pg-flux migrations list", "the default migrations folder against DATABASE_URL")
            .example(
              "pg-flux migrations list db/migrations --project percept --hash b915ec8 --format json",
              "for scripts",
            )
            .epilogue(
              "Read-only. Exit codes: 0 listed, 1 connection failure, 2 invalid input, 3 legacy ledger.",
            ),
        async (argv) => {
          const resolved = await resolveTarget(argv, context.io);
          const listing = await ledger().listMigrations({
            target: resolved.target,
            path: argv.path ?? defaultMigrationsPath(resolved, context.io),
            cwd: context.io.cwd,
          });
          const text =
            argv.format === "json"
              ? JSON.stringify(listing, null, 2)
              : renderListing(listing, context.io.isTTY);
          context.io.stdout(`${redactSecrets(text)}\n`);
        },
      )
      .demandCommand(1, "name a subcommand: pg-flux migrations list"),
  );
