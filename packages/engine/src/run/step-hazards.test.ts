import { emptyState, groupSteps, type Plan, type Step } from "@pg-flux/core";
import { describe, expect, test } from "vitest";
import { statementHazards } from "./step-hazards.js";

const live = emptyState({ serverVersionNum: 180000, major: 18 });

/** A saved plan of hand-written steps, without hazards (as an edited file could be). */
function planOf(...sql: string[]): Plan {
  const steps: Step[] = sql.map((text, index) => ({
    id: `step:${index}`,
    kind: "edited",
    sql: text,
    objectId: "edited",
    transaction: "transactional",
    lock: null,
    hazards: [],
    priority: 0,
    dependsOn: [],
    longRunning: false,
  }));
  return {
    formatVersion: 1,
    steps,
    groups: groupSteps(steps),
    currentFingerprint: "",
    desiredFingerprint: "",
    options: { autoNotValid: true, setNotNullReltuplesHint: 10_000, verify: true },
    warnings: [],
  };
}

describe("role statements judged from a plan's SQL", () => {
  test("DROP ROLE blocks as ROLE_DROP, naming its roles; creating, changing, renaming and granting roles do not block", async () => {
    const found = await statementHazards(
      planOf(
        'DROP ROLE app_old, "Odd Name";',
        "CREATE ROLE app LOGIN CONNECTION LIMIT 5;",
        "ALTER ROLE app NOINHERIT VALID UNTIL 'infinity';",
        "ALTER ROLE app SET search_path TO 'app';",
        "ALTER ROLE app RENAME TO app2;",
        "GRANT reader TO app2 WITH ADMIN OPTION;",
        "REVOKE ADMIN OPTION FOR reader FROM app2;",
        "COMMENT ON ROLE app2 IS 'x';",
      ),
      live,
    );
    expect(found[0]).toEqual([
      {
        kind: "ROLE_DROP",
        reason: 'found in its SQL: DROP ROLE app_old, "Odd Name" drops from the whole cluster',
      },
    ]);
    expect(found.slice(1)).toEqual([[], [], [], [], [], [], []]);
  });
});

describe("publication statements judged from a plan's SQL", () => {
  test("DROP PUBLICATION and ALTER PUBLICATION … DROP/SET TABLE block as PUBLICATION_DROP; ADD, options, rules do not", async () => {
    const found = await statementHazards(
      planOf(
        'DROP PUBLICATION feed, "Odd";',
        "ALTER PUBLICATION feed DROP TABLE ONLY orders, TABLES IN SCHEMA audit;",
        "ALTER PUBLICATION feed SET TABLE orders;",
        "ALTER PUBLICATION feed ADD TABLE ONLY orders (id) WHERE ((id > 1));",
        "ALTER PUBLICATION feed SET (publish = 'insert');",
        "CREATE PUBLICATION feed2 FOR ALL TABLES;",
        "CREATE OR REPLACE RULE r AS ON INSERT TO public.t DO INSTEAD NOTHING;",
        "DROP RULE r ON t;",
      ),
      live,
    );
    expect(found.slice(0, 3)).toEqual([
      [
        {
          kind: "PUBLICATION_DROP",
          reason: "found in its SQL: DROP PUBLICATION feed stops logical replication of its tables",
        },
      ],
      [
        {
          kind: "PUBLICATION_DROP",
          reason:
            "found in its SQL: ALTER PUBLICATION feed DROP takes tables out of it: their changes stop replicating",
        },
      ],
      [
        {
          kind: "PUBLICATION_DROP",
          reason:
            "found in its SQL: ALTER PUBLICATION feed SET takes tables out of it: their changes stop replicating",
        },
      ],
    ]);
    expect(found.slice(3)).toEqual([[], [], [], [], []]);
  });
});
