export * from "./errors.js";
export * from "./redact.js";
export * from "./sql/quote.js";
