/** A connection URL with its password replaced by `***`, safe to print. Not a URL: returned as is. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    const params = parsed.searchParams;
    if (params.has("password")) params.set("password", "***");
    return parsed.toString();
  } catch {
    return url.replace(/(\/\/[^:/@\s]+:)[^@\s]*@/, "$1***@");
  }
}
