import { replacedColumns } from "../objects/column/column.replaced.js";
import { dependentsOfRecreatedRoutines, supersededRoutines } from "../objects/function/routine-dependents.js";
import { recreatedObjects } from "../objects/view/view.rebuild.js";
import type { Cascade, DiffContext } from "./context.js";

/**
 * The cascade phase: what the plan drops and creates again because something it depends on changes
 * (see `Cascade`), computed once, in dependency order, before any differ runs; the differs read
 * `ctx.cascade`. Each step reads only the steps before it: the drop-early pass (`recreated`) reads
 * the table and type differs' changes, and those read `replacedColumns` and `routineDependents`
 * but never `recreated` (reading it during the phase throws).
 */
export function cascadeOf(base: Omit<DiffContext, "cascade">): Cascade {
  const during = (partial: Partial<Cascade>): DiffContext => ({
    ...base,
    cascade: {
      get supersededRoutines() {
        return present(partial.supersededRoutines, "supersededRoutines");
      },
      get replacedColumns() {
        return present(partial.replacedColumns, "replacedColumns");
      },
      get routineDependents() {
        return present(partial.routineDependents, "routineDependents");
      },
      get recreated() {
        return present(partial.recreated, "recreated");
      },
    },
  });
  const superseded = supersededRoutines(during({}));
  const replaced = replacedColumns(during({ supersededRoutines: superseded }));
  const first = { supersededRoutines: superseded, replacedColumns: replaced };
  const routineDependents = dependentsOfRecreatedRoutines(during(first));
  const second = { ...first, routineDependents };
  return { ...second, recreated: recreatedObjects(during(second)) };
}

function present<T>(value: T | undefined, name: keyof Cascade): T {
  if (value === undefined) throw new Error(`cascade: ${name} read before the phase computed it`);
  return value;
}
