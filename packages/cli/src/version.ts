import { readFileSync } from "node:fs";

/**
 * The installed version, from the package.json one folder above this module (packages/cli in the
 * repository, the pg-flux package when installed: both keep their code in dist/).
 */
export function version(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version?: unknown;
  };
  return typeof manifest.version === "string" ? manifest.version : "unknown";
}
