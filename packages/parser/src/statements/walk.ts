/** Visits every object in an AST (depth first), with the key it was found under. */
export function walk(
  value: unknown,
  visit: (key: string, node: Readonly<Record<string, unknown>>) => void,
): void {
  const stack: [string, unknown][] = [["", value]];
  while (stack.length > 0) {
    const [key, current] = stack.pop() as [string, unknown];
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([key, current[i]]);
    } else if (current !== null && typeof current === "object") {
      const record = current as Readonly<Record<string, unknown>>;
      visit(key, record);
      const entries = Object.entries(record);
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i] as [string, unknown]);
    }
  }
}

/** Every node of one type (`RangeVar`, `RoleSpec`, …) inside an AST. */
export function nodesOfType<T>(value: unknown, type: string): T[] {
  const found: T[] = [];
  walk(value, (key, node) => {
    if (key === type) found.push(node as T);
  });
  return found;
}

/** `String` nodes of a name list (`[{String:{sval:"public"}},{String:{sval:"users"}}]`) as strings. */
export function nameList(items: readonly unknown[] | undefined): string[] {
  const names: string[] = [];
  for (const item of items ?? []) {
    const sval = (item as { String?: { sval?: string } }).String?.sval;
    if (sval !== undefined) names.push(sval);
  }
  return names;
}

/** Role names (RoleSpec nodes, wrapped or bare like `newowner`) an AST mentions; PUBLIC and CURRENT_USER are not names. */
export function roleNames(value: unknown): string[] {
  const found: string[] = [];
  walk(value, (_key, node) => {
    if (node.roletype === "ROLESPEC_CSTRING" && typeof node.rolename === "string") found.push(node.rolename);
  });
  return found;
}
