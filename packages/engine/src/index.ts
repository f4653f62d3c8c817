export * from "./embedded/binaries.js";
export * from "./embedded/server.js";
export * from "./push/index.js";
export * from "./migrate/index.js";
export * from "./run/index.js";
export * from "./apply/index.js";
