import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { InvalidInputError, type Problem } from "@pg-flux/core";
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
    for (const file of paths) files.push(readSourceFile(file, cwd));
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

function readSourceFile(absolute: string, cwd: string): SourceFile {
  const relative = path.relative(cwd, absolute);
  const name = relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative;
  return sourceFile(name, readFileSync(absolute, "utf8"), absolute);
}

/** `\i` resolves against the working directory (as psql does), `\ir` against the including file. */
function fileIncludeHost(cwd: string): IncludeHost {
  return {
    include(target, relative, from) {
      const base = relative && from.path ? path.dirname(from.path) : cwd;
      const absolute = path.resolve(base, target);
      try {
        return readSourceFile(absolute, cwd);
      } catch {
        return `cannot read included file ${target} (looked at ${absolute})`;
      }
    },
  };
}
