/**
 * Builds the installable `pg-flux` package: one npm package holding the whole tool, so that
 * `npm install pg-flux` (or a packed tarball) needs nothing but third-party packages from the
 * registry. The workspace packages (@pg-flux/core, parser, inspector, engine, ledger, cli) are not
 * published; they are bundled in:
 *
 * - JavaScript: esbuild bundles src/index.ts (the library) and src/cli.ts (the command line) from the
 *   workspaces' TypeScript sources into dist/, as ES modules split into shared chunks (the CLI keeps
 *   loading the engine only when a command runs). Third-party packages stay imports: they are this
 *   package's dependencies.
 * - Types: the workspaces' declarations (each package's `tsc` build) are copied to dist/types/<name>/
 *   and their `@pg-flux/<name>` imports rewritten to relative paths; dist/index.d.ts is this
 *   package's own declaration file rewritten the same way.
 *
 * Run by `npm run build` (turbo builds the workspaces first); docs/library.md says how to install.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const packages = path.resolve(here, "..");
const dist = path.join(here, "dist");
const manifest = JSON.parse(readFileSync(path.join(here, "package.json"), "utf8"));

/** The workspaces whose declarations ship in dist/types: those the public types reach (not the CLI's). */
const TYPED = ["core", "parser", "inspector", "engine", "ledger"];

rmSync(dist, { recursive: true, force: true });

/**
 * Every bare import that is not a workspace stays an import; each must be a dependency of this
 * package (a workspace that gains a dependency fails the build until it is added here).
 */
const declared = new Set(Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }));
const missing = new Set();
const thirdParty = {
  name: "third-party-external",
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, ({ path: specifier }) => {
      if (specifier.startsWith("@pg-flux/") || specifier.startsWith("node:")) return undefined;
      if (builtinModules.includes(specifier)) return { path: specifier, external: true };
      const name = specifier.startsWith("@")
        ? specifier.split("/").slice(0, 2).join("/")
        : specifier.split("/")[0];
      if (!declared.has(name)) missing.add(name);
      return { path: specifier, external: true };
    });
  },
};
await build({
  entryPoints: { index: path.join(here, "src/index.ts"), cli: path.join(here, "src/cli.ts") },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // the workspaces' sources (their package.json `source` condition), not their builds
  conditions: ["source"],
  plugins: [thirdParty],
  chunkNames: "chunks/[name]-[hash]",
  sourcemap: false,
  logLevel: "warning",
});

if (missing.size > 0) {
  throw new Error(
    `the bundle imports ${[...missing].join(", ")}: add them to packages/pg-flux/package.json dependencies`,
  );
}

for (const name of TYPED) {
  const built = path.join(packages, name, "dist");
  if (!existsSync(path.join(built, "index.d.ts"))) {
    throw new Error(`${built}/index.d.ts is missing: build the workspaces first (npm run build)`);
  }
  copyDeclarations(built, path.join(dist, "types", name));
}
const own = path.join(here, "dist-types", "index.d.ts");
if (!existsSync(own)) throw new Error(`${own} is missing: run tsc -p tsconfig.build.json first`);
writeFileSync(path.join(dist, "index.d.ts"), rewrite(readFileSync(own, "utf8"), dist));
rmSync(path.join(here, "dist-types"), { recursive: true, force: true });

/** Copies the .d.ts files of a build, with their @pg-flux imports made relative. */
function copyDeclarations(from, to) {
  for (const entry of readdirSync(from)) {
    const source = path.join(from, entry);
    const target = path.join(to, entry);
    if (statSync(source).isDirectory()) copyDeclarations(source, target);
    else if (entry.endsWith(".d.ts")) {
      mkdirSync(to, { recursive: true });
      writeFileSync(target, rewrite(readFileSync(source, "utf8"), to));
    }
  }
}

/** `"@pg-flux/core"` → `"./types/core/index.js"` (relative to the file's folder). */
function rewrite(text, folder) {
  return text.replace(/(["'])@pg-flux\/([a-z-]+)\1/g, (_whole, quote, name) => {
    if (!TYPED.includes(name)) throw new Error(`a public declaration imports @pg-flux/${name}`);
    let relative = path
      .relative(folder, path.join(dist, "types", name, "index.js"))
      .split(path.sep)
      .join("/");
    if (!relative.startsWith(".")) relative = `./${relative}`;
    return `${quote}${relative}${quote}`;
  });
}

/**
 * Every command's help, rendered by the command line itself at the widths bin/help.js answers
 * `pg-flux [command …] --help` for without loading it (dist/help/): the root help, then each command
 * a rendered help lists under "Commands:" (`pg-flux migrate` lists `pg-flux migrate plan`, …), and
 * their list (commands.json).
 */
const { main } = await import(pathToFileURL(path.join(dist, "cli.js")).href);
const { HELP_WIDTHS, helpFile } = await import(pathToFileURL(path.join(here, "bin", "help.js")).href);
mkdirSync(path.join(dist, "help"), { recursive: true });
const columns = Object.getOwnPropertyDescriptor(process.stdout, "columns");
try {
  for (const width of HELP_WIDTHS) {
    Object.defineProperty(process.stdout, "columns", { value: width, configurable: true });
    const pending = [[]];
    const rendered = [];
    while (pending.length > 0) {
      const words = pending.shift();
      const text = await printedHelp(words);
      writeFileSync(path.join(dist, "help", helpFile(words, width)), text);
      rendered.push(words);
      pending.push(...listedCommands(text, words));
    }
    // what test/help.test.ts compares with the command line's own help
    writeFileSync(path.join(dist, "help", "commands.json"), `${JSON.stringify(rendered)}\n`);
  }
} finally {
  if (columns) Object.defineProperty(process.stdout, "columns", columns);
  else delete process.stdout.columns;
}

/** What `pg-flux <words…> --help` prints (exit code 0, nothing on stderr, or the build fails). */
async function printedHelp(words) {
  let text = "";
  const io = {
    stdout: (chunk) => {
      text += chunk;
    },
    stderr: (chunk) => {
      throw new Error(`pg-flux ${words.join(" ")} --help wrote to stderr: ${chunk}`);
    },
    isTTY: false,
    env: process.env,
    cwd: process.cwd(),
  };
  const code = await main([...words, "--help"], io);
  if (code !== 0 || text === "")
    throw new Error(`pg-flux ${words.join(" ")} --help exited ${code} with ${text.length} characters`);
  return text;
}

/** The subcommands of `words` a help lists under "Commands:" (yargs' own `completion` left out). */
function listedCommands(text, words) {
  const section = text.split("\n\n").find((block) => block.startsWith("Commands:")) ?? "";
  const found = [];
  for (const line of section.split("\n").slice(1)) {
    const listed = /^ {2}pg-flux((?: [a-z][a-z-]*)+)/.exec(line)?.[1]?.trim().split(" ");
    if (!listed || listed.length !== words.length + 1 || listed[0] === "completion") continue;
    if (listed.slice(0, -1).every((word, i) => word === words[i])) found.push(listed);
  }
  return found;
}
