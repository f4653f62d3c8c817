import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

/**
 * `pg-flux --help` is answered from text rendered at build time (bin/root-help.js, bundle.mjs)
 * instead of loading the command line: it must be exactly what the command line prints, at every
 * width it is used for, and absent where the command line would wrap differently.
 */
type RootHelp = { rootHelp: (columns: number | undefined) => string | null };
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

/** The command line's own root help with `process.stdout.columns` set to `columns`. */
async function printed(cli: Cli, columns: number | undefined): Promise<string> {
  const own = Object.getOwnPropertyDescriptor(process.stdout, "columns");
  Object.defineProperty(process.stdout, "columns", { value: columns, configurable: true });
  try {
    let text = "";
    const write = (chunk: string) => {
      text += chunk;
    };
    const io = { stdout: write, stderr: write };
    expect(await cli.main(["--help"], { ...io, isTTY: false, env: process.env, cwd: process.cwd() })).toBe(0);
    return text;
  } finally {
    if (own) Object.defineProperty(process.stdout, "columns", own);
    else delete (process.stdout as { columns?: number }).columns;
  }
}

describe("pg-flux --help from the text rendered at build time", () => {
  it("is the command line's own help wherever it answers, and answers for output that is not a terminal and wide terminals", async () => {
    const { rootHelp } = await load<RootHelp>("../bin/root-help.js");
    const cli = await load<Cli>("../dist/cli.js");
    for (const columns of [undefined, 60, 100, 105, 110, 200]) {
      const rendered = rootHelp(columns);
      if (columns === undefined || columns === 100 || columns >= 110) {
        expect(rendered, `columns ${columns}`).not.toBeNull();
      }
      if (rendered !== null) expect(rendered, `columns ${columns}`).toBe(await printed(cli, columns));
    }
    expect(rootHelp(60)).toBeNull();
    expect(rootHelp(undefined)).toMatch(/^pg-flux <command> \[options\]/);
  });

  it("the installed command prints it with exit code 0", async () => {
    const { rootHelp } = await load<RootHelp>("../bin/root-help.js");
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN.pathname, "--help"]);
    expect(stderr).toBe("");
    expect(stdout).toBe(rootHelp(undefined));
  });
});
