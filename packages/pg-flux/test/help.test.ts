import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

/**
 * `pg-flux [command …] --help` is answered from text rendered at build time (bin/help.js,
 * bundle.mjs) instead of loading the command line: it must be exactly what the command line prints,
 * for every command, at every width it is used for, and absent where the command line would wrap
 * differently or the arguments are not a bare help request.
 */
type Help = {
  helpRequest: (args: readonly string[]) => string[] | null;
  renderedHelp: (words: readonly string[], columns: number | undefined) => string | null;
};
type Cli = {
  main: (
    argv: readonly string[],
    io: {
      stdout: (s: string) => void;
      stderr: (s: string) => void;
      isTTY: boolean;
      env: object;
      cwd: string;
    },
  ) => Promise<number>;
};
const BIN = new URL("../bin/pg-flux.js", import.meta.url);
const load = async <T>(relative: string): Promise<T> =>
  (await import(new URL(relative, import.meta.url).href)) as T;
const rendered = (): string[][] =>
  JSON.parse(readFileSync(new URL("../dist/help/commands.json", import.meta.url), "utf8")) as string[][];

/** The command line's own `pg-flux <words…> --help` with `process.stdout.columns` set to `columns`. */
async function printed(cli: Cli, words: readonly string[], columns: number | undefined): Promise<string> {
  const own = Object.getOwnPropertyDescriptor(process.stdout, "columns");
  Object.defineProperty(process.stdout, "columns", { value: columns, configurable: true });
  try {
    let text = "";
    const write = (chunk: string) => {
      text += chunk;
    };
    const io = { stdout: write, stderr: write };
    const code = await cli.main([...words, "--help"], {
      ...io,
      isTTY: false,
      env: process.env,
      cwd: process.cwd(),
    });
    expect(code).toBe(0);
    return text;
  } finally {
    if (own) Object.defineProperty(process.stdout, "columns", own);
    else delete (process.stdout as { columns?: number }).columns;
  }
}

describe("pg-flux [command …] --help from the text rendered at build time", () => {
  it("covers the root and every command and subcommand the helps list", () => {
    const commands = rendered().map((words) => words.join(" "));
    for (const expected of [
      "",
      "push",
      "migrate",
      "migrate plan",
      "migrate apply",
      "diff",
      "fleet plan",
      "codegen",
    ])
      expect(commands).toContain(expected);
    expect(commands).not.toContain("completion");
  });

  it("is the command line's own help wherever it answers, and answers for output that is not a terminal and wide terminals", async () => {
    const { renderedHelp } = await load<Help>("../bin/help.js");
    const cli = await load<Cli>("../dist/cli.js");
    for (const words of rendered()) {
      for (const columns of [undefined, 60, 100, 105, 110, 200]) {
        const text = renderedHelp(words, columns);
        const label = `pg-flux ${words.join(" ")} --help, columns ${columns}`;
        if (columns === undefined || columns === 100 || columns >= 110) expect(text, label).not.toBeNull();
        else expect(text, label).toBeNull();
        if (text !== null) expect(text, label).toBe(await printed(cli, words, columns));
      }
    }
    expect(renderedHelp([], undefined)).toMatch(/^pg-flux <command> \[options\]/);
    expect(renderedHelp(["migrate", "plan"], undefined)).toMatch(/^pg-flux migrate plan/);
  });

  it("answers only a bare help request of a known command: anything else goes to the command line", async () => {
    const { helpRequest, renderedHelp } = await load<Help>("../bin/help.js");
    expect(helpRequest(["--help"])).toEqual([]);
    expect(helpRequest(["migrate", "plan", "--help"])).toEqual(["migrate", "plan"]);
    for (const args of [
      [],
      ["migrate", "plan"],
      ["--help", "migrate"],
      ["migrate", "--url=x", "--help"],
      ["../x", "--help"],
    ])
      expect(helpRequest(args), args.join(" ")).toBeNull();
    // an unknown command, or a positional argument after a command: no file, the command line answers
    expect(renderedHelp(["migrat"], undefined)).toBeNull();
    expect(renderedHelp(["push", "migrations"], undefined)).toBeNull();
  });

  it("the installed command prints them with exit code 0", async () => {
    const { renderedHelp } = await load<Help>("../bin/help.js");
    for (const words of [[], ["migrate", "plan"]]) {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [
        BIN.pathname,
        ...words,
        "--help",
      ]);
      expect(stderr).toBe("");
      expect(stdout).toBe(renderedHelp(words, undefined));
    }
  });
});
