import type { Function as Routine, SchemaState } from "../model/state.js";

/**
 * The current state with each routine that PostgreSQL sees as the same one as a desired routine of
 * another id put under the desired id. A routine's id carries its parameter names
 * (`function:public.f(a integer)`), while PostgreSQL identifies it by schema, name and input
 * argument types only: `f(a integer)` → `f(b integer)` is one routine whose parameter is renamed.
 * Diffed as two routines, the plan would `CREATE OR REPLACE` the new one — refused, "cannot change
 * name of input parameter" — before dropping the old one. Under one id the function differ sees the
 * rename, which `CREATE OR REPLACE` cannot do, and drops and creates the routine with everything that
 * depends on it taken off before and put back after (function.compare.ts, view.rebuild.ts,
 * routine-dependents.ts). References follow: triggers' and event triggers' functions, routines'
 * `calls` and the catalog dependencies. Returns the input when nothing pairs up.
 */
export function followRoutineIdentities(current: SchemaState, desired: SchemaState): SchemaState {
  const key = (routine: Routine) => `${routine.schema}\u0000${routine.name}\u0000${routine.argumentTypes}`;
  const added = new Map<string, Routine>();
  for (const routine of Object.values(desired.functions)) {
    if (!current.functions[routine.id]) added.set(key(routine), routine);
  }
  const idMap = new Map<string, string>();
  for (const routine of Object.values(current.functions)) {
    if (desired.functions[routine.id]) continue;
    const target = added.get(key(routine));
    if (target) idMap.set(routine.id, target.id);
  }
  if (idMap.size === 0) return current;
  const mapId = (id: string) => idMap.get(id) ?? id;
  const functions = Object.values(current.functions)
    .map((routine) => ({ ...routine, id: mapId(routine.id), calls: routine.calls.map(mapId).sort() }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const mapRecord = <T extends { readonly function: string }>(record: Readonly<Record<string, T>>) =>
    Object.fromEntries(
      Object.entries(record).map(([id, value]) => [id, { ...value, function: mapId(value.function) }]),
    );
  return {
    ...current,
    functions: Object.fromEntries(functions.map((routine) => [routine.id, routine])),
    triggers: mapRecord(current.triggers),
    eventTriggers: mapRecord(current.eventTriggers),
    dependencies: current.dependencies.map(({ dependent, referenced }) => ({
      dependent: mapId(dependent),
      referenced: mapId(referenced),
    })),
  };
}
