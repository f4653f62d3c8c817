import { describe, expect, it } from "vitest";
import { readBackForm } from "./expression-form.js";

describe("readBackForm", () => {
  it("pushes the cast of an array constructor into its elements, as PostgreSQL reads it back (plain style)", () => {
    expect(
      readBackForm(
        "((status)::text = ANY ((ARRAY['open'::character varying, 'closed'::character varying])::text[]))",
        "plain",
      ),
    ).toBe(
      "((status)::text = ANY (ARRAY[('open'::character varying)::text, ('closed'::character varying)::text]))",
    );
    expect(
      readBackForm(
        "CHECK (((code)::text <> ALL ((ARRAY['it''s'::character varying, NULL::character varying])::text[])))",
        "plain",
      ),
    ).toBe(
      "CHECK (((code)::text <> ALL (ARRAY[('it''s'::character varying)::text, (NULL::character varying)::text])))",
    );
    expect(
      readBackForm(
        "((network)::inet = ANY ((ARRAY['10.0.0.0/8'::cidr, '192.168.0.0/16'::cidr])::inet[]))",
        "plain",
      ),
    ).toBe("((network)::inet = ANY (ARRAY[('10.0.0.0/8'::cidr)::inet, ('192.168.0.0/16'::cidr)::inet]))");
  });

  it("writes the pretty style's casts without parentheses around simple elements", () => {
    expect(
      readBackForm(
        " SELECT id\n   FROM member\n  WHERE role::text = ANY (ARRAY['admin'::character varying, upper('x'::text)::character varying]::text[]);",
        "pretty",
      ),
    ).toBe(
      " SELECT id\n   FROM member\n  WHERE role::text = ANY (ARRAY['admin'::character varying::text, upper('x'::text)::character varying::text]);",
    );
    expect(readBackForm("(ARRAY[a || b, c]::text[])", "pretty")).toBe("(ARRAY[(a || b)::text, c::text])");
  });

  it("leaves alone what is already read back, arrays without a cast, and text inside literals", () => {
    const stable = [
      "((status)::text = ANY (ARRAY[('open'::character varying)::text]))",
      "(i = ANY (ARRAY[1, 2]))",
      "(nm = ANY (ARRAY['a'::name, 'b'::name]))",
      "(label = '(ARRAY[''a''])::text[]'::text)",
      "(tags <> '{}'::character varying[])",
      "((tags)::text[] <> ARRAY['x'::text])",
      "now()",
    ];
    for (const text of stable) expect(readBackForm(text, "plain")).toBe(text);
  });
});
