import { openScratchHost, type ScratchHost } from "@pg-flux/engine";
import { afterAll, beforeAll } from "vitest";
import { testServer } from "./database.js";

/**
 * One embedded scratch server for the tests of a file, as one pg-flux command shares one between
 * the desired state's load and the verification copy: opened (for the worker's test server as the
 * target) before the file's tests, closed after them. Returns a getter for use inside tests. Tests of
 * how a command opens its own scratch server do not use it.
 */
export function scratchHostForFile(): () => ScratchHost {
  let host: ScratchHost | undefined;
  beforeAll(async () => {
    host = await openScratchHost({ targetUrl: testServer().adminUrl });
  });
  afterAll(async () => {
    await host?.close();
  });
  return () => {
    if (!host) throw new Error("scratchHostForFile(): use the getter inside a test, after beforeAll ran");
    return host;
  };
}
