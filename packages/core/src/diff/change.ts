/**
 * The typed union of every change the differ produces: create/alter/drop/rename per object kind,
 * each declared beside its kind in objects/<kind>/<kind>.change.ts and unioned here. The `kind`
 * string is the discriminant; objects/registry.ts maps every kind to its step handler and the
 * compiler checks that none is missing.
 */
import type { CommentChange } from "../objects/comment/comment.change.js";
import type { SchemaChange } from "../objects/schema/schema.change.js";

export type Change = SchemaChange | CommentChange;

export type ChangeKind = Change["kind"];
