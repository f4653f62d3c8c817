import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { EnumType } from "../../model/state.js";
import { renderConvertColumn, renderCreateType, renderDropType, renderRenameType } from "./type.render.js";

const status: EnumType = {
  kind: "enum",
  id: ids.type("public", "status"),
  schema: "public",
  name: "status",
  labels: ["draft", "published"],
  owner: "postgres",
  comment: null,
  privileges: [],
};
const posts = { id: "table:public.posts", schema: "public", name: "posts" };

describe("type renderers", () => {
  it("renders the seed's recreate statements exactly", () => {
    const temp = { schema: "public", name: "status_new" };
    expect(renderCreateType(status, temp)).toBe("CREATE TYPE status_new AS ENUM ('draft', 'published');");
    expect(
      renderConvertColumn(
        status,
        { table: posts, column: "status", arraySuffix: "", currentDefault: null, desiredDefault: null },
        temp,
      ),
    ).toBe("ALTER TABLE posts ALTER COLUMN status TYPE status_new USING status::text::status_new;");
    expect(renderDropType(status)).toBe("DROP TYPE status;");
    expect(renderRenameType(status, temp, "status")).toBe("ALTER TYPE status_new RENAME TO status;");
    expect(renderDropType({ ...status, schema: "app" })).toBe("DROP TYPE app.status;");
  });
});
