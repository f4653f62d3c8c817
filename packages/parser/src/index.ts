export { analyzeScript, type DesiredScript } from "./desired-script.js";
export { collectHints, type HintResult } from "./hints/attach.js";
export { HINT_KEYWORDS, type HintKind, type HintName, type RenameHint } from "./hints/hint.model.js";
export { type HintText, parseHintText } from "./hints/hint-text.js";
export { type HintResolution, type ResolvedHint, resolveHints } from "./hints/resolve.js";
export { statementTarget } from "./hints/targets.js";
export { collectTypeHints, type TypeHint } from "./hints/tstype.js";
export { objectLocations } from "./order/object-locations.js";
export { analyzeStatements, type LoadStep, loadOrder, type StatementObjects } from "./order/order.js";
export { settingName } from "./order/session.js";
export { readDesiredState } from "./read-desired.js";
export {
  collectRoles,
  type RoleCollection,
  type RoleMention,
  referencedRoles,
} from "./roles/declarations.js";
export {
  isRoleStatement,
  PASSWORD_REFUSED,
  type RoleStatement,
  readRoleStatement,
} from "./roles/role-statement.js";
export { type IncludeHost, readScript } from "./script/lexer.js";
export type { Piece, Script, ScriptComment, ScriptStatement } from "./script/script.model.js";
export { sourceOffset } from "./script/script.model.js";
export { lineText, locationAt, type SourceFile, sourceFile } from "./script/source-file.js";
export { type ReadSourcesOptions, readSources, type SourceInput, sqlFilesUnder } from "./sources.js";
export { charOffsetOfByte, locationInStatement } from "./statements/offsets.js";
export { loadParser, type ParsedScript, parseScript } from "./statements/parse.js";
export { nodeType, type Statement } from "./statements/statement.model.js";
export { roleNames } from "./statements/walk.js";
export { classify, type StatementClass } from "./validate/classify.js";
export { type Validation, validateStatements } from "./validate/validate.js";
