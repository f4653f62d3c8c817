import {
  formatError,
  isConnectionUrl,
  isConninfo,
  redactSecrets as maskSecrets,
  redactUrlsIn,
  secretsOf,
} from "@pg-flux/core/basics";

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
  return redactUrlsIn(text);
}

/**
 * The Io every command writes through: no secret of a connection string reaches the terminal.
 * stderr (errors, warnings, progress) is masked fully: URLs, `password=` pairs of key=value strings,
 * and the passwords of every connection the command was given (flags, `DATABASE_URL`, any
 * environment variable holding a connection string, `PGPASSWORD`) wherever they occur. stdout
 * carries the user's own SQL (plans, JSON, migrations), so only URLs are masked there: a
 * `password = …` in a function body stays as written.
 */
export function redactingIo<T extends Io>(io: T, argv: readonly string[]): T {
  const known = knownSecrets(argv, io.env);
  return {
    ...io,
    stdout: (text: string) => io.stdout(redactUrlsIn(text)),
    stderr: (text: string) => io.stderr(maskSecrets(text, known)),
  };
}

/** The secrets of every connection string among the arguments and the environment, and PGPASSWORD. */
export function knownSecrets(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const values = [...argv.map((arg) => arg.replace(/^--[^=\s]+=/, "")), ...Object.values(env)];
  const connections = values.filter(
    (value): value is string => value !== undefined && (isConnectionUrl(value) || isConninfo(value)),
  );
  return [...secretsOf(connections), ...(env.PGPASSWORD ? [env.PGPASSWORD] : [])];
}
