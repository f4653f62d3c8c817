import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { decodeUtf8, InvalidInputError, type Problem, utf8Problem } from "@pg-flux/core";
import type { IncludeHost } from "./script/lexer.js";
import { readScript } from "./script/lexer.js";
import type { Script } from "./script/script.model.js";
import { type SourceFile, sourceFile } from "./script/source-file.js";

/** Where desired-state SQL comes from: a file or directory path, or text (stdin, tests). */
export type SourceInput = string | { readonly name: string; readonly text: string };

export interface ReadSourcesOptions {
  /** Base for relative paths, `\i` targets and the file names in messages (default: process.cwd()). */
  readonly cwd?: string;
  /** psql variables, as `psql -v name=value` would set them. */
  readonly variables?: Readonly<Record<string, string>>;
}

/**
 * Reads desired-state sources into one script, in the order given: a directory contributes its
 * `.sql` files recursively in lexical path order. This module is the parser's only file-system user.
 * Throws InvalidInputError when an input path cannot be read; problems inside files are collected
 * in the script.
 */
export function readSources(inputs: readonly SourceInput[], options: ReadSourcesOptions = {}): Script {
  const cwd = options.cwd ?? process.cwd();
  const problems: Problem[] = [];
  const files: SourceFile[] = [];
  for (const input of inputs) {
    if (typeof input !== "string") {
      files.push(sourceFile(input.name, input.text));
      continue;
    }
    const absolute = path.resolve(cwd, input);
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(absolute);
    } catch {
      problems.push({ message: `${input}: no such file or directory` });
      continue;
    }
    const paths = stat.isDirectory() ? sqlFilesUnder(absolute) : [absolute];
    if (stat.isDirectory() && paths.length === 0)
      problems.push({ message: `${input}: directory holds no .sql files` });
    for (const file of paths) {
      const read = readSourceFile(file, cwd);
      if ("problem" in read) problems.push(read.problem);
      else files.push(read);
    }
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return readScript(files, fileIncludeHost(cwd), options.variables);
}

/** `.sql` files under a directory, recursively, sorted by their path relative to it. */
export function sqlFilesUnder(directory: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile() && entry.name.endsWith(".sql")) found.push(full);
    }
  };
  visit(directory);
  const relative = (file: string) => path.relative(directory, file).split(path.sep).join("/");
  return found.sort((a, b) => (relative(a) < relative(b) ? -1 : relative(a) > relative(b) ? 1 : 0));
}

/** A file's text, or why it is not UTF-8 (decoded leniently, a Latin-1 `é` would silently become U+FFFD). */
function readSourceFile(absolute: string, cwd: string): SourceFile | { readonly problem: Problem } {
  const relative = path.relative(cwd, absolute);
  const name = relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative;
  const decoded = decodeUtf8(readFileSync(absolute));
  return "error" in decoded
    ? { problem: utf8Problem(name, decoded.error) }
    : sourceFile(name, decoded.text, absolute);
}

/** One line for the `\i` that includes a file with a problem: where in that file, what, how to fix. */
function includedProblem(target: string, problem: Problem): string {
  const at = problem.location ? ` at line ${problem.location.line}, column ${problem.location.column}` : "";
  return `included file ${target}${at}: ${problem.message}${problem.hint ? `; ${problem.hint}` : ""}`;
}

/** `\i` resolves against the working directory (as psql does), `\ir` against the including file. */
function fileIncludeHost(cwd: string): IncludeHost {
  return {
    include(target, relative, from) {
      const base = relative && from.path ? path.dirname(from.path) : cwd;
      const absolute = path.resolve(base, target);
      try {
        const read = readSourceFile(absolute, cwd);
        return "problem" in read ? includedProblem(target, read.problem) : read;
      } catch {
        return `cannot read included file ${target} (looked at ${absolute})`;
      }
    },
  };
}
