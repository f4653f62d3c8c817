import { connectionSecrets, isConninfo, SECRET_KEYWORDS, scanConninfo } from "./connection-string.js";

/** What a secret is replaced with. */
export const MASK = "***";

/** Secrets shorter than this are masked where they sit in a connection string, not wherever they occur. */
export const MIN_LITERAL_SECRET_LENGTH = 4;

/**
 * A connection string with its secrets (password, sslpassword) replaced by `***`, safe to print:
 * a URL (`postgres://app:***@db/prod`, `?password=***`) or a keyword/value string
 * (`host=db password=*** dbname=prod`, quoted values too). Text that is neither is returned as is.
 */
export function redactUrl(connection: string): string {
  if (isConninfo(connection)) return redactConninfo(connection);
  return redactUrlForm(connection);
}

/** The same as `redactUrl`, under the name that says it takes either form. */
export const redactConnectionString = redactUrl;

/**
 * Masks connection-string secrets in free text (messages, errors, warnings): every URL with a
 * password in it, every `password=…`/`sslpassword=…` pair of a keyword/value string (quoted or
 * not, spaces around `=` or not), and every occurrence of the `known` secrets (the passwords of the
 * connections in use, `PGPASSWORD`) as written, URL-encoded or JSON-escaped. A known secret shorter
 * than MIN_LITERAL_SECRET_LENGTH is not masked on its own (it would mask parts of words).
 */
export function redactSecrets(text: string, known: Iterable<string> = []): string {
  let out = redactUrlsIn(text);
  out = out.replace(CONNINFO_SECRET, (_match, keyword: string) => `${keyword}${MASK}`);
  for (const secret of literalVariants(known)) out = out.split(secret).join(MASK);
  return out;
}

/**
 * Masks the passwords of the URLs in text and nothing else: for output that carries the user's own
 * SQL (plans, JSON), where a `password = …` in a function body must stay as written.
 */
export function redactUrlsIn(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => redactUrlForm(url));
}

/** Every secret of the given connection strings and bare secrets (e.g. `PGPASSWORD`), for `redactSecrets`. */
export function secretsOf(values: Iterable<string | undefined>): string[] {
  const secrets = new Set<string>();
  for (const value of values) {
    if (!value) continue;
    for (const secret of connectionSecrets(value)) secrets.add(secret);
  }
  return [...secrets];
}

/** `scheme://…` up to whitespace or a quote. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>]+/gi;

/** `password=value` / `sslpassword = 'quoted value'` in a keyword/value string. */
const CONNINFO_SECRET = new RegExp(
  `\\b((?:${[...SECRET_KEYWORDS].join("|")})\\s*=\\s*)(?:'(?:\\\\.|[^'\\\\])*'?|(?:\\\\.|[^\\s'"\\\\])+)`,
  "gi",
);

function redactUrlForm(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password && !hasSecretParam(parsed)) return url;
    if (parsed.password) parsed.password = MASK;
    for (const keyword of SECRET_KEYWORDS) {
      if (parsed.searchParams.has(keyword)) parsed.searchParams.set(keyword, MASK);
    }
    return parsed.toString();
  } catch {
    // not a valid URL (an unencoded space or `@` in the password): everything between `user:` and the last `@`
    return url
      .replace(/(\/\/[^:/@\s]*:)[^\s]*@/, `$1${MASK}@`)
      .replace(/([?&](?:ssl)?password=)[^&\s]*/gi, `$1${MASK}`);
  }
}

function hasSecretParam(url: URL): boolean {
  return [...SECRET_KEYWORDS].some((keyword) => url.searchParams.has(keyword));
}

function redactConninfo(text: string): string {
  const scanned = scanConninfo(text);
  if ("problem" in scanned) {
    // malformed (an unterminated quote): mask from the first secret keyword to the end
    return text.replace(/\b((?:ssl)?password\s*=\s*)[\s\S]*$/i, `$1${MASK}`);
  }
  let out = "";
  let at = 0;
  for (const pair of scanned.pairs) {
    if (!SECRET_KEYWORDS.has(pair.keyword)) continue;
    out += `${text.slice(at, pair.valueStart)}${MASK}`;
    at = pair.valueEnd;
  }
  return out + text.slice(at);
}

function literalVariants(known: Iterable<string>): string[] {
  const variants = new Set<string>();
  for (const secret of known) {
    if (secret.length < MIN_LITERAL_SECRET_LENGTH) continue;
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
    variants.add(JSON.stringify(secret).slice(1, -1));
  }
  // longest first, so that a secret containing another is masked whole
  return [...variants].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
}
