import { describe, expect, it } from "vitest";
import { readDictionaryOptions } from "./text-search-dictionaries.sql.js";

describe("dictinitoption read back", () => {
  it("strings, numbers and quoted names, sorted by name", () => {
    expect(readDictionaryOptions(`stopwords = 'english', "MaxLen" = 3, accept = 'false'`)).toEqual([
      { name: "MaxLen", value: "3", numeric: true },
      { name: "accept", value: "false", numeric: false },
      { name: "stopwords", value: "english", numeric: false },
    ]);
  });

  it("doubled quotes, and backslashes in the E'' form", () => {
    expect(readDictionaryOptions(`rules = E'it''s \\\\ here, too', "a""b" = -1.5`)).toEqual([
      { name: 'a"b', value: "-1.5", numeric: true },
      { name: "rules", value: "it's \\ here, too", numeric: false },
    ]);
  });

  it("none: no options; text it cannot read is an error, never a guess", () => {
    expect(readDictionaryOptions(null)).toEqual([]);
    expect(readDictionaryOptions("")).toEqual([]);
    expect(() => readDictionaryOptions("stopwords 'english'")).toThrow(
      /cannot read text search dictionary options/,
    );
    expect(() => readDictionaryOptions("a = 'open")).toThrow(/cannot read/);
  });
});
