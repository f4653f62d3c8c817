import type { ChangeBase } from "../../diff/change-base.js";
import type { Schema } from "../../model/state.js";

export interface CreateSchema extends ChangeBase {
  readonly kind: "create_schema";
  readonly schema: Schema;
}

export interface DropSchema extends ChangeBase {
  readonly kind: "drop_schema";
  readonly schema: Schema;
}

export interface RenameSchema extends ChangeBase {
  readonly kind: "rename_schema";
  readonly from: string;
  readonly to: string;
}

export type SchemaChange = CreateSchema | DropSchema | RenameSchema;
