import type { Problem, SourceLocation } from "@pg-flux/core";
import type { Node } from "libpg-query";
import type { Statement } from "../statements/statement.model.js";
import { nodeType } from "../statements/statement.model.js";

interface GrantOnLanguage {
  readonly objtype?: string;
  readonly objects?: readonly { readonly String?: { readonly sval?: string } }[];
}

/** The languages the files create (`CREATE [OR REPLACE] [TRUSTED] LANGUAGE name …`). */
export function createdLanguages(statements: readonly Statement[]): ReadonlySet<string> {
  const names = statements.flatMap(({ node }) => {
    const name = (node as { CreatePLangStmt?: { plname?: string } }).CreatePLangStmt?.plname;
    return name === undefined ? [] : [name];
  });
  return new Set(names);
}

/**
 * `GRANT`/`REVOKE … ON LANGUAGE` naming a language the files do not create. pg-flux manages the
 * languages the desired state creates, grants included (core objects/language); the others are an
 * extension's (plpgsql, plperl: an extension's members are the extension's, as everywhere) or built
 * into PostgreSQL (c, sql, internal), and never read. A grant on one would run in the scratch
 * database and then be left out of every plan, so it is refused (the live ones are listed as
 * unmanaged `language privilege` and left alone).
 */
export function languageGrantProblem(
  node: Node,
  verb: string,
  at: { readonly location: SourceLocation; readonly sourceLine: string },
  created: ReadonlySet<string>,
): Problem | null {
  if (nodeType(node) !== "GrantStmt") return null;
  const grant = (node as { GrantStmt?: GrantOnLanguage }).GrantStmt;
  if (grant?.objtype !== "OBJECT_LANGUAGE") return null;
  const outside = (grant.objects ?? [])
    .map((object) => object.String?.sval ?? "")
    .filter((name) => !created.has(name));
  const [first] = outside;
  if (first === undefined) return null;
  return {
    message: `${verb}: language ${first} is not created by the desired state: it is an extension's (plpgsql, plperl, …) or built into PostgreSQL (c, sql, internal), and pg-flux manages the grants of the languages the files create only; the statement would run in the scratch database and then be left out of every plan; remove it from the desired state`,
    ...at,
    hint: "keep the statement in a versioned migration run by `pg-flux push` (docs/push.md), outside the desired state; pg-flux leaves the live grants of such a language alone",
  };
}
