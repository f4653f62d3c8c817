import { InvalidInputError, PgFluxError } from "@pg-flux/core/basics";
import { describe, expect, it } from "vitest";
import { EXIT, EXIT_CODES_HELP, exitCodeFor } from "./exit-codes.js";
import { INTERRUPT_EXIT } from "./interrupt.js";

describe("exit codes", () => {
  it("maps each error classification to its exit code, anything else to runtime", () => {
    expect(exitCodeFor(new InvalidInputError([{ message: "bad" }]))).toBe(2);
    expect(exitCodeFor(new PgFluxError("no", { code: "refused" }))).toBe(3);
    expect(exitCodeFor(new PgFluxError("down", { code: "runtime" }))).toBe(1);
    expect(exitCodeFor(new Error("crash"))).toBe(1);
    expect(exitCodeFor("thrown string")).toBe(1);
  });

  it("--help lists every exit code the CLI returns", () => {
    const listed = [...EXIT_CODES_HELP.matchAll(/^ {2}(\d+)(?:, (\d+))? /gm)].flatMap((m) =>
      [m[1], m[2]].filter((code) => code !== undefined).map(Number),
    );
    expect(listed.sort((a, b) => a - b)).toEqual(
      [...Object.values(EXIT), ...Object.values(INTERRUPT_EXIT)].sort((a, b) => a - b),
    );
  });
});
