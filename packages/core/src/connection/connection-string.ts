import { InvalidInputError } from "../errors.js";
import { nearest } from "../text/edit-distance.js";

/**
 * The two forms of a PostgreSQL connection string libpq accepts ("Connection Strings",
 * https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING):
 *
 * - a URL: `postgresql://user:secret@host:5432/db?sslmode=require` (also `postgres://`);
 * - keyword/value pairs: `host=db port=5432 dbname=app user=app password='s3 cret'`, values
 *   single-quoted when they hold spaces, `\'` and `\\` escaping inside.
 *
 * The `pg` driver reads URLs only, so pg-flux turns the second form into the first
 * (`connectionUrl`) before it connects; both forms work wherever pg-flux takes a connection.
 */

/** One `keyword=value` pair of a keyword/value connection string, with where its value sits in the text. */
export interface ConninfoPair {
  readonly keyword: string;
  readonly value: string;
  /** Offsets of the value as written (quotes included) in the text. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** The connection options libpq knows; any other keyword is refused, as libpq refuses it. */
const LIBPQ_KEYWORDS = new Set([
  "host",
  "hostaddr",
  "port",
  "dbname",
  "user",
  "password",
  "passfile",
  "require_auth",
  "channel_binding",
  "connect_timeout",
  "client_encoding",
  "options",
  "application_name",
  "fallback_application_name",
  "keepalives",
  "keepalives_idle",
  "keepalives_interval",
  "keepalives_count",
  "tcp_user_timeout",
  "replication",
  "gssencmode",
  "sslmode",
  "sslnegotiation",
  "requiressl",
  "sslcompression",
  "sslcert",
  "sslkey",
  "sslpassword",
  "sslcertmode",
  "sslrootcert",
  "sslcrl",
  "sslcrldir",
  "sslsni",
  "requirepeer",
  "ssl_min_protocol_version",
  "ssl_max_protocol_version",
  "min_protocol_version",
  "max_protocol_version",
  "krbsrvname",
  "gsslib",
  "gssdelegation",
  "service",
  "target_session_attrs",
  "load_balance_hosts",
]);

/** Keywords whose values are secrets: masked wherever a connection string is shown. */
export const SECRET_KEYWORDS: ReadonlySet<string> = new Set(["password", "sslpassword"]);

const URL_SCHEME = /^\s*postgres(?:ql)?:\/\//i;

/** True for `postgres://…` and `postgresql://…`. */
export function isConnectionUrl(text: string): boolean {
  return URL_SCHEME.test(text);
}

/** True when the text is a keyword/value connection string (`host=… dbname=…`), however well-formed. */
export function isConninfo(text: string): boolean {
  return !isConnectionUrl(text) && /^\s*[A-Za-z_]+\s*=/.test(text);
}

/** A keyword/value connection string whose first keyword is one libpq knows (`host=…`, `password=…`). */
export function startsWithConnectionKeyword(text: string): boolean {
  const keyword = /^\s*([A-Za-z_]+)\s*=/.exec(text)?.[1];
  return keyword !== undefined && LIBPQ_KEYWORDS.has(keyword);
}

/**
 * Splits a keyword/value connection string the way libpq's conninfo_parse does. Returns the pairs,
 * or the problem (which never quotes a value, so it cannot print a password).
 */
export function scanConninfo(text: string): { pairs: ConninfoPair[] } | { problem: string } {
  const pairs: ConninfoPair[] = [];
  let i = 0;
  const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
  while (i < text.length) {
    while (isSpace(text[i])) i++;
    if (i >= text.length) break;
    const keywordStart = i;
    while (i < text.length && text[i] !== "=" && !isSpace(text[i])) i++;
    const keyword = text.slice(keywordStart, i);
    while (isSpace(text[i])) i++;
    if (text[i] !== "=") return { problem: `missing "=" after the word at character ${keywordStart + 1}` };
    i++;
    while (isSpace(text[i])) i++;
    const valueStart = i;
    let value = "";
    if (text[i] === "'") {
      i++;
      let closed = false;
      while (i < text.length) {
        const c = text[i]!;
        if (c === "\\" && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
        } else if (c === "'") {
          i++;
          closed = true;
          break;
        } else {
          value += c;
          i++;
        }
      }
      if (!closed) return { problem: `unterminated quoted value of ${nameOf(keyword, keywordStart)}` };
    } else {
      while (i < text.length && !isSpace(text[i])) {
        if (text[i] === "\\" && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
        } else {
          value += text[i];
          i++;
        }
      }
    }
    pairs.push({ keyword, value, valueStart, valueEnd: i });
  }
  return { pairs };
}

/**
 * The connection as a `postgresql://` URL: a URL is returned as it is, a keyword/value string is
 * converted (an unknown keyword or a malformed string is refused without echoing the text). Text
 * that is neither (`not-a-url`, `localhost:5432/app`) is invalid input, not a host name to look up.
 */
export function connectionUrl(connection: string): string {
  if (!isConninfo(connection)) {
    if (isConnectionUrl(connection) || /^\s*(socket:|\/)/.test(connection)) return connection;
    throw notAConnectionString(connection);
  }
  const scanned = scanConninfo(connection);
  if ("problem" in scanned) throw conninfoError(scanned.problem);
  const values = new Map<string, string>();
  for (const { keyword, value, valueStart } of scanned.pairs) {
    if (!LIBPQ_KEYWORDS.has(keyword)) {
      const near = nearest(keyword.toLowerCase(), LIBPQ_KEYWORDS);
      throw conninfoError(
        near
          ? `unknown connection option "${keyword}" (did you mean "${near}"?)`
          : `unknown connection option before character ${valueStart + 1}`,
      );
    }
    values.set(keyword, value);
  }
  const take = (keyword: string) => {
    const value = values.get(keyword);
    values.delete(keyword);
    return value;
  };
  const host = take("host") ?? take("hostaddr");
  values.delete("hostaddr");
  const user = take("user");
  const password = take("password");
  const port = take("port");
  const dbname = take("dbname");
  const query = new URLSearchParams();
  // a socket directory or a list of hosts does not fit the authority part: the driver reads `host` from the query too
  const plainHost = host !== undefined && /^[A-Za-z0-9.\-:]+$/.test(host) && !host.includes(",");
  if (host !== undefined && !plainHost) query.set("host", host);
  for (const [keyword, value] of values) query.set(keyword, value);
  const authority =
    (user !== undefined ? encodeURIComponent(user) : "") +
    (password !== undefined ? `:${encodeURIComponent(password)}` : "") +
    (user !== undefined || password !== undefined ? "@" : "") +
    (plainHost ? (host!.includes(":") ? `[${host}]` : host) : "localhost") +
    (port !== undefined ? `:${port}` : "");
  const path = dbname !== undefined ? `/${encodeURIComponent(dbname)}` : "";
  const search = query.toString() === "" ? "" : `?${query.toString()}`;
  return `postgresql://${authority}${path}${search}`;
}

/**
 * The secrets a connection string carries (its password, its sslpassword), decoded, in any form;
 * none for text that is not a connection string.
 */
export function connectionSecrets(connection: string): string[] {
  if (isConninfo(connection)) {
    const scanned = scanConninfo(connection);
    if ("problem" in scanned) return [];
    return scanned.pairs.filter((p) => SECRET_KEYWORDS.has(p.keyword) && p.value !== "").map((p) => p.value);
  }
  if (!isConnectionUrl(connection)) return [];
  const secrets: string[] = [];
  try {
    const url = new URL(connection.trim());
    if (url.password) secrets.push(safeDecode(url.password));
    for (const keyword of SECRET_KEYWORDS) {
      const value = url.searchParams.get(keyword);
      if (value) secrets.push(value);
    }
  } catch {
    // not parseable as a URL (an unencoded space or `@`): take what sits between `user:` and the last `@`
    const match = /^\s*[a-z]+:\/\/[^:/@\s]*:(.*)@[^@]*$/i.exec(connection);
    if (match?.[1]) secrets.push(match[1]);
  }
  return secrets;
}

/**
 * A word that is not a keyword may be a piece of a password that was not quoted: it is named only
 * when it is a near miss of a keyword (a typo), else pointed at by position.
 */
function nameOf(keyword: string, start: number): string {
  return LIBPQ_KEYWORDS.has(keyword) ? `"${keyword}"` : `the option at character ${start + 1}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function notAConnectionString(text: string): InvalidInputError {
  // echoed only when it cannot hold a secret (no `:` or `@`)
  const shown = /^[\w.\-/$]{1,80}$/.test(text.trim()) ? ` "${text.trim()}"` : "";
  return new InvalidInputError([
    {
      message: `not a connection string${shown}: expected a postgresql:// URL or keyword=value pairs`,
      hint: "e.g. postgresql://app@localhost:5432/app, or host=localhost dbname=app user=app (check --database-url, DATABASE_URL, --shadow-url)",
    },
  ]);
}

function conninfoError(problem: string): InvalidInputError {
  return new InvalidInputError([
    {
      message: `invalid connection string: ${problem}`,
      hint: "write keyword=value pairs separated by spaces (host=db dbname=app user=app), quoting values with spaces in single quotes, or a postgresql:// URL",
    },
  ]);
}
