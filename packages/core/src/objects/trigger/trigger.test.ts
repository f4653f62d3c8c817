import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { Trigger } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState, table, trigger as triggerOn } from "../testing.js";
import {
  renderCreateTrigger,
  renderDropTrigger,
  renderReplaceTrigger,
  renderSetTriggerEnabled,
} from "./trigger.render.js";

const fnId = ids.function("public", "touch", "");

function trigger(name: string, timing: string, extra: Partial<Trigger> = {}): Trigger {
  return triggerOn({ id: ids.table("public", "users"), schema: "public", name: "users" }, name, fnId, {
    definition: `CREATE TRIGGER ${name} ${timing} UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.touch()`,
    ...extra,
  });
}

describe("trigger renderers", () => {
  const t = trigger("touch_users", "BEFORE");
  it("renders create, replace, drop and enable states", () => {
    expect(renderCreateTrigger(t)).toBe(
      "CREATE TRIGGER touch_users BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.touch();",
    );
    expect(renderReplaceTrigger(t)).toMatch(/^CREATE OR REPLACE TRIGGER touch_users BEFORE/);
    expect(renderDropTrigger(t, { schema: "public", name: "users" })).toBe(
      "DROP TRIGGER touch_users ON users;",
    );
    expect(renderSetTriggerEnabled({ ...t, enabled: "disabled" }, { schema: "public", name: "users" })).toBe(
      "ALTER TABLE users DISABLE TRIGGER touch_users;",
    );
    expect(renderSetTriggerEnabled({ ...t, enabled: "always" }, { schema: "app", name: "users" })).toBe(
      "ALTER TABLE app.users ENABLE ALWAYS TRIGGER touch_users;",
    );
  });
});

describe("trigger plans", () => {
  const users = table("public", "users", [["id", "bigint"]]);
  it("replaces a changed trigger in place and keeps a disabled state", () => {
    const before = trigger("t", "BEFORE", { enabled: "disabled" });
    const after = trigger("t", "AFTER", { timing: "after", enabled: "disabled" });
    const result = plan(
      makeState({ tables: [users], triggers: [before] }),
      makeState({ tables: [users], triggers: [after] }),
    );
    expect(result.steps.map((s) => s.sql)).toEqual([
      "CREATE OR REPLACE TRIGGER t AFTER UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.touch();",
      "ALTER TABLE users DISABLE TRIGGER t;",
    ]);
    expect(result.steps[0]?.lock).toEqual({ level: "share_row_exclusive", on: users.id });
  });

  it("toggles the enabled state alone, creates with a comment, drops removed triggers", () => {
    const t = trigger("t", "BEFORE");
    const enabled = plan(
      makeState({ tables: [users], triggers: [t] }),
      makeState({ tables: [users], triggers: [{ ...t, enabled: "replica" }] }),
    );
    expect(enabled.steps.map((s) => s.sql)).toEqual(["ALTER TABLE users ENABLE REPLICA TRIGGER t;"]);
    const created = plan(
      makeState({ tables: [users] }),
      makeState({ tables: [users], triggers: [{ ...t, comment: "why" }] }),
    );
    expect(created.steps.map((s) => s.sql)).toEqual([
      "CREATE TRIGGER t BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.touch();",
      "COMMENT ON TRIGGER t ON users IS 'why';",
    ]);
    const dropped = plan(makeState({ tables: [users], triggers: [t] }), makeState({ tables: [users] }));
    expect(dropped.steps.map((s) => s.sql)).toEqual(["DROP TRIGGER t ON users;"]);
    expect(dropped.steps[0]?.lock?.level).toBe("access_exclusive");
  });

  it("leaves triggers inherited from a partitioned parent alone and does not drop triggers of dropped tables", () => {
    const clone = trigger("t", "BEFORE", { parentTrigger: ids.trigger("public", "parent", "t") });
    expect(
      plan(makeState({ tables: [users] }), makeState({ tables: [users], triggers: [clone] })).steps,
    ).toEqual([]);
    const t = trigger("t", "BEFORE");
    const result = plan(makeState({ tables: [users], triggers: [t] }), makeState({}));
    expect(result.steps.map((s) => s.kind)).toEqual(["drop_table"]);
  });
});
