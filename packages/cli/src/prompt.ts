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
export async function confirm(io: PromptingIo, question: string, signal?: AbortSignal): Promise<boolean> {
  const ask = io.prompt ?? ((text: string) => askOnTerminal(text, signal));
  const answer = await ask(`${question} [y/N] `).catch((error: unknown) => {
    // Ctrl-C while asking: no (the caller's signal says why)
    if (signal?.aborted) return "";
    throw error;
  });
  return /^y(es)?$/i.test(answer.trim());
}

async function askOnTerminal(question: string, signal: AbortSignal | undefined): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question, signal ? { signal } : {});
  } finally {
    rl.close();
  }
}
