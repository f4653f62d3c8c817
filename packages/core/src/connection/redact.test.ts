import { describe, expect, it } from "vitest";
import { connectionSecrets, connectionUrl } from "./connection-string.js";
import { MASK, redactSecrets, redactUrl, redactUrlsIn, secretsOf } from "./redact.js";

const SECRET = "s3cr3t-Pw";

/** Every way a password reaches pg-flux in a connection string, with the secret it carries. */
const FORMS: readonly { readonly name: string; readonly text: string; readonly secret: string }[] = [
  { name: "URL", text: `postgres://app:${SECRET}@db.internal:5432/prod`, secret: SECRET },
  { name: "postgresql:// URL", text: `postgresql://app:${SECRET}@db/prod?sslmode=require`, secret: SECRET },
  { name: "URL, encoded password", text: "postgres://app:p%40ss%20word@db/prod", secret: "p@ss word" },
  { name: "URL, unencoded @ and space", text: "postgres://app:p@ss word@db/prod", secret: "p@ss word" },
  { name: "?password=", text: `postgresql://app@db/prod?password=${SECRET}`, secret: SECRET },
  {
    name: "&sslpassword=",
    text: `postgresql://app@db/prod?sslmode=verify-full&sslpassword=${SECRET}`,
    secret: SECRET,
  },
  { name: "key=value", text: `host=db port=5432 password=${SECRET} dbname=prod`, secret: SECRET },
  { name: "key = value, spaced", text: `host=db password = ${SECRET} dbname=prod`, secret: SECRET },
  {
    name: "key=value, quoted with spaces",
    text: "host=db password='s3 cr\\'et pw' dbname=prod",
    secret: "s3 cr'et pw",
  },
  { name: "key=value, sslpassword", text: `host=db sslpassword=${SECRET} user=app`, secret: SECRET },
  { name: "key=value, password first", text: `password=${SECRET} host=db`, secret: SECRET },
];

describe("every form of connection string", () => {
  for (const form of FORMS) {
    it(`${form.name}: redactUrl, redactSecrets and connectionSecrets`, () => {
      expect(connectionSecrets(form.text)).toContain(form.secret);
      const redacted = redactUrl(form.text);
      expect(redacted).toContain(MASK);
      for (const part of [form.secret, encodeURIComponent(form.secret), ...form.secret.split(/[ @']/)])
        if (part.length >= 3) expect(redacted).not.toContain(part);
      const message = `could not connect to ${form.text}: password authentication failed`;
      const inText = redactSecrets(message, secretsOf([form.text]));
      expect(inText).not.toContain(form.secret);
      expect(inText).toContain("password authentication failed");
      // the driver may echo the secret decoded, on its own: the known secrets catch it
      expect(redactSecrets(`error near "${form.secret}"`, secretsOf([form.text]))).not.toContain(form.secret);
    });
  }

  it("keeps everything but the secret", () => {
    expect(redactUrl(`postgres://app:${SECRET}@db.internal:5432/prod`)).toBe(
      "postgres://app:***@db.internal:5432/prod",
    );
    expect(redactUrl("host=db password='a b' dbname=prod")).toBe("host=db password=*** dbname=prod");
    expect(redactUrl("postgres://app@db/prod")).toBe("postgres://app@db/prod");
    expect(redactUrl("schema/")).toBe("schema/");
    expect(redactSecrets("see https://www.postgresql.org/docs/current/libpq.html")).toBe(
      "see https://www.postgresql.org/docs/current/libpq.html",
    );
  });

  it("a malformed key=value string is masked from its password on", () => {
    expect(redactUrl("host=db password='never closed dbname=prod")).toBe("host=db password=***");
  });

  it("PGPASSWORD-like bare secrets are masked as written, URL-encoded and JSON-escaped", () => {
    const known = ['pa ss"word'];
    expect(redactSecrets('x pa ss"word y pa%20ss%22word z "pa ss\\"word"', known)).toBe(
      'x *** y *** z "***"',
    );
    // too short to mask wherever it occurs
    expect(redactSecrets("a pg b", ["pg"])).toBe("a pg b");
  });

  it("redactUrlsIn leaves SQL's own password comparisons alone", () => {
    const sql = "CREATE FUNCTION f() RETURNS bool AS $$ select password = crypt('x', password) $$;";
    expect(redactUrlsIn(sql)).toBe(sql);
    expect(redactUrlsIn(`-- postgres://a:${SECRET}@h/d`)).toBe("-- postgres://a:***@h/d");
  });
});

describe("connectionUrl", () => {
  it("turns a key=value string into the URL the driver reads", () => {
    expect(connectionUrl("host=db.internal port=6432 dbname=app user=me password='a b'")).toBe(
      "postgresql://me:a%20b@db.internal:6432/app",
    );
    expect(connectionUrl("host=/var/run/postgresql dbname=app sslmode=disable")).toBe(
      "postgresql://localhost/app?host=%2Fvar%2Frun%2Fpostgresql&sslmode=disable",
    );
    expect(connectionUrl("postgres://u@h/d")).toBe("postgres://u@h/d");
  });

  it("refuses text that is neither a URL nor key=value pairs, echoing it only when it holds no secret", () => {
    expect(() => connectionUrl("not-a-url")).toThrow(
      'not a connection string "not-a-url": expected a postgresql:// URL or keyword=value pairs',
    );
    for (const text of [`app:${SECRET}@db/prod`, `localhost:5432/${SECRET}`]) {
      expect(() => connectionUrl(text)).toThrow(/^not a connection string: expected/);
    }
    expect(connectionUrl("/var/run/postgresql app")).toBe("/var/run/postgresql app");
    expect(connectionUrl("socket:/var/run/postgresql?db=app")).toBe("socket:/var/run/postgresql?db=app");
  });

  it("refuses an unknown option or a malformed string without echoing it", () => {
    expect(() => connectionUrl(`host=db passwrd=${SECRET}`)).toThrow(
      /unknown connection option "passwrd" \(did you mean "password"\?\)/,
    );
    // an unquoted password with a space: its second word is not named (it is part of the secret)
    expect(() => connectionUrl("host=db password=first second dbname=x")).toThrow(
      /missing "=" after the word at character 24/,
    );
    expect(() => connectionUrl("host=db password=first second=x")).toThrow(
      /unknown connection option before character 31/,
    );
    expect(() => connectionUrl(`host=db password='${SECRET}`)).toThrow(
      /unterminated quoted value of "password"/,
    );
    try {
      connectionUrl(`host=db password='${SECRET}`);
    } catch (error) {
      expect(String(error)).not.toContain(SECRET);
    }
  });
});
