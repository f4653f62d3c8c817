import { createInterface } from "node:readline/promises";
import type { Io } from "./output.js";

/** An Io that can ask a question (tests supply `prompt`; the terminal uses stdin). */
export interface PromptingIo extends Io {
  readonly prompt?: (question: string) => Promise<string>;
}

/**
 * Asks for confirmation, on a TTY only. Without a TTY it never prompts (CI, pipes): the caller
 * decides what no-TTY means; `migrate apply` proceeds, as `--yes` would.
 */
export async function confirm(io: PromptingIo, question: string): Promise<boolean> {
  const ask = io.prompt ?? askOnTerminal;
  const answer = await ask(`${question} [y/N] `);
  return /^y(es)?$/i.test(answer.trim());
}

async function askOnTerminal(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
