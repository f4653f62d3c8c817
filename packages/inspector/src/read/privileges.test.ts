import { describe, expect, test } from "vitest";
import { byId, sortedKeys } from "./order.js";
import { readPrivileges } from "./privileges.js";

describe("readPrivileges", () => {
  test("sorts by grantee then privilege, in code-unit order", () => {
    expect(
      readPrivileges([
        { grantee: "reader", privilege: "SELECT", grantable: false },
        { grantee: "PUBLIC", privilege: "USAGE", grantable: false },
        { grantee: "Reader", privilege: "INSERT", grantable: false },
        { grantee: "reader", privilege: "INSERT", grantable: false },
      ]).map((p) => `${p.grantee}:${p.privilege}`),
    ).toEqual(["PUBLIC:USAGE", "Reader:INSERT", "reader:INSERT", "reader:SELECT"]);
  });

  test("the same privilege from two grantors appears once, grantable if either is", () => {
    expect(
      readPrivileges([
        { grantee: "a", privilege: "SELECT", grantable: false },
        { grantee: "a", privilege: "SELECT", grantable: true },
        { grantee: "a", privilege: "SELECT", grantable: false },
      ]),
    ).toEqual([{ grantee: "a", privilege: "SELECT", grantable: true }]);
    expect(readPrivileges(null)).toEqual([]);
  });
});

describe("deterministic records", () => {
  test("byId and sortedKeys order keys whatever the input order", () => {
    expect(Object.keys(byId([{ id: "b" }, { id: "a" }, { id: "B" }]))).toEqual(["B", "a", "b"]);
    expect(Object.keys(sortedKeys({ z: 1, a: 2 }))).toEqual(["a", "z"]);
  });
});
