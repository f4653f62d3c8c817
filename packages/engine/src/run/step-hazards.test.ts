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
