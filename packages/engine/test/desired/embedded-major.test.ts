import { loadDesiredState, type PostgresMajor } from "@pg-flux/engine";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";

describe("embedded scratch server of another major", () => {
  test("loads there and warns that the target runs another major", { timeout: 120_000 }, async ({ db }) => {
    const targetMajor = db.server.major;
    const embeddedMajor: PostgresMajor = targetMajor === 14 ? 18 : 14;
    const desired = await loadDesiredState(
      [{ name: "m.sql", text: "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL);\n" }],
      { targetUrl: db.url, embeddedMajor },
    );
    expect(desired.placement).toBe("embedded");
    expect(desired.state.server.major).toBe(embeddedMajor);
    expect(Object.keys(desired.state.tables)).toEqual(["table:public.items"]);
    expect(desired.warnings).toEqual([
      `the desired state is normalized on an embedded PostgreSQL ${embeddedMajor} while the target runs ${targetMajor}: deparsed SQL may differ; pass --shadow-url to a server of the target's major`,
    ]);
  });
});
