import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../src/main.js";
import type { PromptingIo } from "../src/prompt.js";

export const REPO = fileURLToPath(new URL("../../../", import.meta.url));
export const BIN = path.join(REPO, "packages/cli/bin/pg-flux.js");
const DIST_MAIN = path.join(REPO, "packages/cli/dist/main.js");

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly isTTY?: boolean;
  readonly prompt?: (question: string) => Promise<string>;
}

/** Runs the CLI in-process, capturing its output. No TTY unless asked; DATABASE_URL only when given. */
export async function cli(
  argv: readonly string[],
  options: CliOptions = {},
): Promise<CliResult & { prompts: string[] }> {
  let stdout = "";
  let stderr = "";
  const prompts: string[] = [];
  const io: PromptingIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    isTTY: options.isTTY ?? false,
    env: { PATH: process.env.PATH, ...options.env },
    cwd: options.cwd ?? REPO,
    prompt: async (question) => {
      prompts.push(question);
      if (!options.prompt) throw new Error(`unexpected prompt: ${question}`);
      return options.prompt(question);
    },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, prompts };
}

/**
 * Runs the BUILT binary (`node packages/cli/bin/pg-flux.js`) as a user would. `npm test` builds
 * first; a missing build fails the test loudly instead of skipping it.
 */
export function spawnCli(argv: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  if (!existsSync(DIST_MAIN)) {
    throw new Error(`the CLI is not built (${DIST_MAIN} is missing): run npm run build (npm test does)`);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd: options.cwd ?? REPO,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A temporary folder holding the given files. */
export function workdir(files: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pgflux-cli-"));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

/** The password of a URL; the harness's URLs carry a real one. */
export function passwordOf(url: string): string {
  const password = decodeURIComponent(new URL(url).password);
  if (password.length < 4) throw new Error("the test server URL should carry a password");
  return password;
}
