import path from "node:path";
import { InvalidInputError } from "@pg-flux/core/basics";
import type { PushMode, ReloadOptions, ResolvedTarget } from "@pg-flux/ledger";
import type { CommandContext, CommandModule } from "../command.js";
import { ledger } from "../engine.js";
import { EXIT } from "../exit-codes.js";
import { INTERRUPT_EXIT, type InterruptSignal, withInterrupts } from "../interrupt.js";
import { type Io, redactSecrets } from "../output.js";
import { loadPushDefaults, type PushDefaults } from "./config.js";
import { withOptions } from "./option-table.js";
import {
  type AnyResult,
  type Rendered,
  renderDryRun,
  renderPlan,
  renderPush,
  toJson,
} from "./push-output.js";

const MODES: readonly PushMode[] = ["raw", "versioned", "repeatable"];

/** The target flags of the ledger commands (`--config --project --hash --database-url --tenant-schema`, option-table.ts). */
export interface TargetArgs {
  readonly config?: string | undefined;
  readonly project?: string | undefined;
  readonly hash?: string | undefined;
  readonly "database-url"?: string | undefined;
  readonly "tenant-schema"?: string | undefined;
}

export function resolveTarget(argv: TargetArgs, io: Io): Promise<ResolvedTarget> {
  return ledger().resolvePushTarget({
    cwd: io.cwd,
    env: io.env,
    ...(argv.config !== undefined ? { configPath: argv.config } : {}),
    ...(argv.project !== undefined ? { project: argv.project } : {}),
    ...(argv.hash !== undefined ? { hash: argv.hash } : {}),
    ...(argv["database-url"] !== undefined ? { databaseUrl: argv["database-url"] } : {}),
    ...(argv["tenant-schema"] !== undefined ? { tenantSchema: argv["tenant-schema"] } : {}),
  });
}

/** The folder to use when no path is given: the project's migrations folder, else ./migrations. */
export function defaultMigrationsPath(resolved: ResolvedTarget, io: Io): string {
  return resolved.target.project?.migrations ?? path.join(io.cwd, "migrations");
}

export const pushCommand: CommandModule = (parser, context) =>
  parser.command(
    "push [path]",
    "Apply SQL: a migrations directory through the ledger, or one file (raw, versioned or repeatable)",
    (yargs) =>
      withOptions(yargs, "push")
        .positional("path", {
          type: "string",
          describe:
            "a .sql file or a directory of versioned migrations (default: the project's migrations folder)",
        })
        .option("mode", {
          choices: MODES,
          describe:
            "single files: raw (no ledger; default outside migrations/), versioned (default under migrations/), repeatable",
        })
        .option("force", {
          type: "boolean",
          default: false,
          describe: "re-run a repeatable script even if unchanged",
        })
        .option("plan", {
          type: "boolean",
          default: false,
          describe: "list pending work in order and why; no writes",
        })
        .option("dry-run", {
          type: "boolean",
          default: false,
          describe: "run everything in one transaction, then roll back",
        })
        .option("format", {
          choices: ["human", "json"] as const,
          default: "human" as const,
          describe: "output format",
        })
        .example("pg-flux push migrations/", "apply pending versioned migrations, in order")
        .example("pg-flux push migrations/ --plan", "show what would run and why, without writing")
        .example("pg-flux push migrations/ --dry-run", "run everything in a transaction that is rolled back")
        .example("pg-flux push flux/scripts/seed.sql --mode repeatable --force", "re-run a repeatable script")
        .example(
          "pg-flux push db/migrations/0001_moods.sql --mode versioned --project percept --hash b915ec8",
          "one versioned file against a flux.json project",
        )
        .epilogue(
          [
            "Never edit an applied migration: every push compares checksums and refuses (exit 3) when one changed.",
            "A file whose first line is `-- pg-flux:no-transaction` runs statement by statement in autocommit;",
            "if it stops part-way, what ran stays, the file is not recorded, and the next push resumes after",
            "the statements that stay (a versioned file). An INVALID index left by a failed build stops the push",
            "(a file written by migrate generate, or the build that failed, drops and rebuilds it instead).",
            "After SQL runs, PostgREST is told to reload (NOTIFY pgrst, 'reload schema'; a NOTIFY nobody listens to",
            "costs nothing). Push reports it when a reload flag or flux.json's push block asks for it; stale-shape",
            "errors may appear briefly until it is done. Concurrent pushes to one database and tenant wait for",
            "each other.",
            "",
            "Exit codes: 0 applied or nothing to do, 1 a file failed (earlier files stay applied),",
            "2 invalid input (files, flags, flux.json), 3 refused (checksum conflict, legacy ledger, a partly",
            "applied file whose statements that ran changed), 130/143 interrupted by Ctrl-C (SIGINT) or SIGTERM:",
            "the running statement was cancelled on the server, the file's open transaction rolled back, the",
            "ledger lock released; what ran is listed. A second Ctrl-C exits at once.",
          ].join("\n"),
        ),
    async (argv) => {
      const resolved = await resolveTarget(argv, context.io);
      const input = {
        target: resolved.target,
        path: argv.path ?? defaultMigrationsPath(resolved, context.io),
        cwd: context.io.cwd,
        ...(argv.mode ? { mode: argv.mode } : {}),
        force: argv.force ?? false,
      };
      const json = argv.format === "json";
      if (argv.plan && argv["dry-run"]) {
        throw new InvalidInputError([{ message: "--plan and --dry-run exclude each other; pick one" }]);
      }
      if (argv.plan) {
        report(context, json, await ledger().planMigrations(input), renderPlan);
        return;
      }
      if (argv["dry-run"]) {
        const { result, received } = await withInterrupts(context.io, (signal) =>
          ledger().dryRunMigrations({ ...input, signal }),
        );
        report(context, json, result, renderDryRun, received);
        return;
      }
      const { reload, announce } = reloadOf(
        argv,
        await loadPushDefaults(context.io.cwd, argv.config),
        context.io,
      );
      const { result, received } = await withInterrupts(context.io, (signal) =>
        ledger().pushMigrations({ ...input, reload, signal }),
      );
      report(context, json, result, (pushed) => renderPush(pushed, { announceReload: announce }), received);
    },
  );

interface ReloadArgs {
  readonly reload?: boolean | undefined;
  readonly "reload-channel"?: string | undefined;
  readonly "api-pid"?: number | undefined;
  readonly "api-pid-file"?: string | undefined;
}

/**
 * The PostgREST reload after a push: on unless `--no-reload` or flux.json's `push.reload: false`
 * (flags win). `announce`: whether push prints it — only when a flag or the push block asked for a
 * reload, so projects without PostgREST never see the line.
 */
function reloadOf(
  argv: ReloadArgs,
  defaults: PushDefaults,
  io: Io,
): { reload: ReloadOptions; announce: boolean } {
  const apiPidFile =
    argv["api-pid-file"] !== undefined ? path.resolve(io.cwd, argv["api-pid-file"]) : undefined;
  const reload: ReloadOptions = {
    skip: !(argv.reload ?? defaults.reload ?? true),
    channel: argv["reload-channel"] ?? defaults.reloadChannel ?? ledger().DEFAULT_RELOAD_CHANNEL,
    ...(argv["api-pid"] !== undefined ? { apiPid: argv["api-pid"] } : {}),
    ...(argv["api-pid"] === undefined && (apiPidFile ?? defaults.apiPidFile)
      ? { apiPidFile: apiPidFile ?? defaults.apiPidFile }
      : {}),
  };
  const asked =
    argv.reload === true ||
    argv["reload-channel"] !== undefined ||
    argv["api-pid"] !== undefined ||
    apiPidFile !== undefined ||
    defaults.reload === true ||
    defaults.reloadChannel !== undefined ||
    defaults.apiPidFile !== undefined;
  return { reload, announce: asked };
}

function report<R extends AnyResult>(
  context: CommandContext,
  json: boolean,
  result: R,
  render: (result: R) => Rendered,
  received?: InterruptSignal,
): void {
  context.exitCode =
    result.status === "interrupted" ? INTERRUPT_EXIT[received ?? "SIGINT"] : exitCode(result);
  if (json) {
    context.io.stdout(`${redactSecrets(JSON.stringify(toJson(result), null, 2))}\n`);
    return;
  }
  const { out, err } = render(result);
  if (out.length > 0) context.io.stdout(`${redactSecrets(out.join("\n"))}\n`);
  if (err.length > 0) context.io.stderr(`${redactSecrets(err.join("\n"))}\n`);
}

function exitCode(result: AnyResult): number {
  switch (result.status) {
    case "applied":
    case "nothing_to_do":
    case "pending":
    case "rolled_back":
      return EXIT.ok;
    case "failed":
      return EXIT.runtime;
    case "refused":
      return EXIT.refused;
    case "interrupted":
      return INTERRUPT_EXIT.SIGINT;
    default: {
      const _exhaustive: never = result;
      return _exhaustive;
    }
  }
}
