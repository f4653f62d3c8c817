export {
  type CodegenInput,
  type CodegenResult,
  generateCodegen,
  type TypeHint,
  validateTypeHint,
} from "./generate.js";
