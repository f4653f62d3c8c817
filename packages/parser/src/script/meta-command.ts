/**
 * psql meta-commands in desired-state files. Only those that cannot change what the schema is are
 * accepted: includes, variables, output formatting, describe commands and pg_dump's
 * `\restrict`/`\unrestrict` guards. Everything else (`\connect`, `\copy`, `\gexec`, `\if`, …) is an
 * error with a fix.
 */
export type MetaCommand =
  | { readonly kind: "ignored"; readonly command: string }
  | { readonly kind: "set"; readonly command: string; readonly name: string; readonly value: string }
  | { readonly kind: "unset"; readonly command: string; readonly name: string }
  | {
      readonly kind: "include";
      readonly command: string;
      readonly target: string;
      readonly relative: boolean;
    }
  | { readonly kind: "error"; readonly command: string; readonly reason: string; readonly fix: string };

/** Formatting and describe commands: they print, they change nothing. */
const IGNORED = new Set([
  "pset",
  "echo",
  "qecho",
  "warn",
  "timing",
  "x",
  "t",
  "a",
  "H",
  "C",
  "f",
  "T",
  "l",
  "l+",
  "list",
  "z",
  "conninfo",
  "restrict",
  "unrestrict",
]);

/** Parses one meta-command line (starting at its backslash); `variables` expand `:name` in arguments. */
export function parseMetaCommand(line: string, variables: ReadonlyMap<string, string>): MetaCommand {
  const match = /^\\([A-Za-z0-9_?!+]+|.)/.exec(line);
  const command = match?.[1] ?? "";
  const rest = line.slice(1 + command.length);
  const args = splitArguments(rest, variables);
  if (typeof args === "string") return { kind: "error", command, reason: args, fix: "remove it" };
  if (IGNORED.has(command) || /^d[A-Za-z]*\+?$/.test(command)) return { kind: "ignored", command };
  switch (command) {
    case "i":
    case "include":
    case "ir":
    case "include_relative": {
      const target = args[0];
      if (target === undefined) {
        return {
          kind: "error",
          command,
          reason: "needs a file name",
          fix: `write \\${command} path/to/file.sql`,
        };
      }
      return {
        kind: "include",
        command,
        target,
        relative: command === "ir" || command === "include_relative",
      };
    }
    case "set": {
      const [name, ...values] = args;
      if (name === undefined) {
        return {
          kind: "error",
          command,
          reason: "without a variable name prints variables",
          fix: "remove it",
        };
      }
      return { kind: "set", command, name, value: values.join("") };
    }
    case "unset": {
      const name = args[0];
      if (name === undefined)
        return { kind: "error", command, reason: "needs a variable name", fix: "remove it" };
      return { kind: "unset", command, name };
    }
    case "c":
    case "connect":
      return {
        kind: "error",
        command,
        reason: "switches databases; the desired state describes one database",
        fix: "split the files per database and point pg-flux at each database separately",
      };
    case "copy":
      return {
        kind: "error",
        command,
        reason: "loads data; desired state is schema, not data",
        fix: "move this into a versioned migration (pg-flux push)",
      };
    default:
      return {
        kind: "error",
        command,
        reason: "is not supported in desired-state files",
        fix: "remove it; pg-flux accepts \\i, \\ir, \\set, \\unset and output-only commands such as \\pset and \\echo",
      };
  }
}

export function metaCommandProblem(command: MetaCommand & { kind: "error" }): {
  message: string;
  hint: string;
} {
  return { message: `psql meta-command \\${command.command} ${command.reason}`, hint: command.fix };
}

/** psql's argument splitting: whitespace-separated, '…' quoted ('' and \' escapes), :name expanded. */
function splitArguments(text: string, variables: ReadonlyMap<string, string>): string[] | string {
  const args: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (i >= text.length) break;
    if (text.startsWith("\\\\", i)) break; // `\\` separates a second command: not supported, ignored
    let arg = "";
    while (i < text.length && !/\s/.test(text[i] as string)) {
      const c = text[i] as string;
      if (c === "'") {
        i++;
        while (i < text.length) {
          if (text[i] === "'" && text[i + 1] === "'") {
            arg += "'";
            i += 2;
          } else if (text[i] === "'") {
            i++;
            break;
          } else if (text[i] === "\\" && i + 1 < text.length) {
            arg += text[i + 1];
            i += 2;
          } else {
            arg += text[i];
            i++;
          }
        }
      } else if (c === "`") {
        return "runs a shell command (backquotes)";
      } else if (c === ":") {
        const ref = /^:([A-Za-z0-9_]+)/.exec(text.slice(i));
        const value = ref ? variables.get(ref[1] as string) : undefined;
        if (ref && value !== undefined) {
          arg += value;
          i += ref[0].length;
        } else {
          arg += c;
          i++;
        }
      } else {
        arg += c;
        i++;
      }
    }
    args.push(arg);
  }
  return args;
}
