export * from "./embedded/binaries.js";
export * from "./embedded/server.js";
export * from "./push/index.js";
