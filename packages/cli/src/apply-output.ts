import type { ApplyResult } from "@pg-flux/engine";
import type { CommandContext } from "./command.js";
import { engine } from "./engine.js";
import { EXIT } from "./exit-codes.js";
import { INTERRUPT_EXIT, type InterruptSignal } from "./interrupt.js";
import { redactSecrets } from "./output.js";

/** Prints an apply outcome and returns its exit code. */
export function reportApply(
  result: ApplyResult,
  context: CommandContext,
  received?: InterruptSignal,
): number {
  const { io } = context;
  switch (result.status) {
    case "applied": {
      const n = result.applied.length;
      io.stdout(`Applied ${n} step${n === 1 ? "" : "s"} in ${(result.ms / 1000).toFixed(1)}s.\n`);
      return EXIT.ok;
    }
    case "nothing_to_do":
      io.stdout("Nothing to do: the database already matches the desired schema.\n");
      return EXIT.ok;
    case "refused":
      io.stderr(redactSecrets(`Error: ${result.message}\n`));
      return EXIT.refused;
    case "failed": {
      const steps = result.plan.steps;
      const lines = [`Error: apply failed: ${result.message}`];
      if (result.failure)
        lines.push(
          `  failed:      step ${result.failure.stepIndex + 1}: ${oneLine(result.failure.step.sql)}`,
        );
      lines.push(`  applied:     ${list(result.applied.map((r) => r.index))}`);
      if (result.rolledBack.length > 0)
        lines.push(`  rolled back: ${list(result.rolledBack.map((r) => r.index))}`);
      lines.push(`  not run:     ${list(result.notRun)}`);
      if (result.failure) {
        lines.push(
          `The database holds the applied steps (${result.applied.length} of ${steps.length}). ${engine().nextStep(result.failure)}`,
        );
      }
      io.stderr(redactSecrets(`${lines.join("\n")}\n`));
      return EXIT.runtime;
    }
    case "interrupted": {
      const lines = [`Apply interrupted: ${result.message}.`];
      if (result.stopped)
        lines.push(
          `  cancelled:   step ${result.stopped.stepIndex + 1}: ${oneLine(result.stopped.step.sql)}`,
        );
      lines.push(`  applied:     ${list(result.applied.map((r) => r.index))}`);
      if (result.rolledBack.length > 0)
        lines.push(`  rolled back: ${list(result.rolledBack.map((r) => r.index))}`);
      lines.push(`  not applied: ${list(result.notRun)}`);
      for (const index of result.invalidIndexes)
        lines.push(
          `  left INVALID by the cancelled build: index ${index} (the next run drops and rebuilds it)`,
        );
      lines.push(
        `pg-flux holds no lock and runs nothing on the database now. The database holds the applied steps (${result.applied.length} of ${result.plan.steps.length}); run pg-flux migrate apply again to finish: it re-plans from the database.`,
      );
      io.stderr(redactSecrets(`${lines.join("\n")}\n`));
      return INTERRUPT_EXIT[received ?? "SIGINT"];
    }
    default: {
      const _exhaustive: never = result;
      return _exhaustive;
    }
  }
}

function list(indexes: readonly number[]): string {
  return indexes.length === 0 ? "none" : `steps ${indexes.map((i) => i + 1).join(", ")}`;
}

function oneLine(sql: string): string {
  return sql.replace(/\s+/g, " ").trim();
}
