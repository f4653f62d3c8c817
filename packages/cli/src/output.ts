import { formatError, redactUrl } from "@pg-flux/core";

/** Where a command writes; tests pass their own to capture output. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
};

/** Error text for the terminal: compiler-style problems, and never a password from a URL. */
export function renderError(error: unknown): string {
  return redactSecrets(`Error: ${formatError(error)}`);
}

/** Removes passwords from anything that looks like a connection URL. */
export function redactSecrets(text: string): string {
  return text.replace(/\b(postgres(?:ql)?):\/\/[^\s'"]+/g, (url) => redactUrl(url));
}
