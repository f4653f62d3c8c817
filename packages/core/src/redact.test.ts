import { expect, it } from "vitest";
import { redactUrl } from "./redact.js";

it("hides the password of a connection URL", () => {
  expect(redactUrl("postgres://app:s3cret@db.internal:5432/prod")).toBe(
    "postgres://app:***@db.internal:5432/prod",
  );
  expect(redactUrl("postgresql://app@db/prod?password=s3cret")).not.toContain("s3cret");
  expect(redactUrl("postgres://app@db/prod")).toBe("postgres://app@db/prod");
});
