import { describe, expect, it } from "vitest";
import { quoteIdent, quoteLiteral, quoteQualified } from "./quote.js";

describe("quoteIdent", () => {
  it("leaves plain lower-case names bare", () => {
    expect(quoteIdent("users")).toBe("users");
    expect(quoteIdent("email_address")).toBe("email_address");
  });
  it("quotes reserved words, capitals, spaces and embedded quotes", () => {
    expect(quoteIdent("user")).toBe('"user"');
    expect(quoteIdent("order")).toBe('"order"');
    expect(quoteIdent("Old Name")).toBe('"Old Name"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteIdent("1abc")).toBe('"1abc"');
  });
  it("turns an injection attempt into a harmless identifier", () => {
    expect(quoteIdent('x"; drop table users; --')).toBe('"x""; drop table users; --"');
  });
  it("qualifies", () => expect(quoteQualified("public", "User")).toBe('public."User"'));
});

describe("quoteLiteral", () => {
  it("doubles quotes", () => expect(quoteLiteral("it's")).toBe("'it''s'"));
  it("escapes backslashes with E''", () => expect(quoteLiteral("a\\b")).toBe("E'a\\\\b'"));
});
