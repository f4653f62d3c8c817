import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { EventTrigger, Function as Routine } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState, routine } from "../testing.js";
import {
  renderCreateEventTrigger,
  renderDropEventTrigger,
  renderSetEventTriggerEnabled,
} from "./event-trigger.render.js";

const fn: Routine = routine("public", "audit_ddl", {
  returns: "event_trigger",
  language: "plpgsql",
  body: "begin end",
});

function eventTrigger(extra: Partial<EventTrigger> = {}): EventTrigger {
  return {
    kind: "event_trigger",
    id: ids.eventTrigger("audit"),
    name: "audit",
    event: "ddl_command_end",
    tags: ["CREATE TABLE", "ALTER TABLE"],
    function: fn.id,
    enabled: "origin",
    owner: "postgres",
    comment: null,
    ...extra,
  };
}

describe("event trigger renderers", () => {
  it("renders create, drop and enable states", () => {
    expect(renderCreateEventTrigger(eventTrigger(), { schema: "public", name: "audit_ddl" })).toBe(
      "CREATE EVENT TRIGGER audit ON ddl_command_end\nWHEN TAG IN ('CREATE TABLE', 'ALTER TABLE')\nEXECUTE FUNCTION audit_ddl();",
    );
    expect(renderCreateEventTrigger(eventTrigger({ tags: [] }), { schema: "ops", name: "f" })).toBe(
      "CREATE EVENT TRIGGER audit ON ddl_command_end\nEXECUTE FUNCTION ops.f();",
    );
    expect(renderDropEventTrigger({ name: "Audit" })).toBe('DROP EVENT TRIGGER "Audit";');
    expect(renderSetEventTriggerEnabled(eventTrigger({ enabled: "disabled" }))).toBe(
      "ALTER EVENT TRIGGER audit DISABLE;",
    );
  });
});

describe("event trigger plans", () => {
  it("creates after its function, alters the enabled state, recreates on a tag change", () => {
    const created = plan(
      makeState({}),
      makeState({ functions: [fn], eventTriggers: [eventTrigger({ enabled: "disabled" })] }),
    );
    expect(created.steps.map((s) => s.kind)).toEqual([
      "create_function",
      "create_event_trigger",
      "set_event_trigger_enabled",
    ]);
    const base = makeState({ functions: [fn], eventTriggers: [eventTrigger()] });
    expect(
      plan(
        base,
        makeState({ functions: [fn], eventTriggers: [eventTrigger({ enabled: "always" })] }),
      ).steps.map((s) => s.sql),
    ).toEqual(["ALTER EVENT TRIGGER audit ENABLE ALWAYS;"]);
    expect(
      plan(base, makeState({ functions: [fn], eventTriggers: [eventTrigger({ tags: [] })] })).steps.map(
        (s) => s.kind,
      ),
    ).toEqual(["drop_event_trigger", "create_event_trigger"]);
  });
  it("drops the event trigger before its function", () => {
    const result = plan(makeState({ functions: [fn], eventTriggers: [eventTrigger()] }), makeState({}));
    expect(result.steps.map((s) => s.sql)).toEqual([
      "DROP EVENT TRIGGER audit;",
      "DROP FUNCTION audit_ddl();",
    ]);
  });
});

describe("event trigger renamed by hint", () => {
  it("ALTER EVENT TRIGGER … RENAME TO, nothing dropped", () => {
    const renamed = eventTrigger({ id: ids.eventTrigger("ddl_audit"), name: "ddl_audit" });
    expect(
      plan(
        makeState({ functions: [fn], eventTriggers: [eventTrigger()] }),
        makeState({ functions: [fn], eventTriggers: [renamed] }),
        {
          renames: [{ kind: "event_trigger", from: eventTrigger().id, to: renamed.id }],
        },
      ).steps.map((step) => step.sql),
    ).toEqual(["ALTER EVENT TRIGGER audit RENAME TO ddl_audit;"]);
  });
});
