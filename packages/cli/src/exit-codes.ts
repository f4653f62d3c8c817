/** The exit codes of the CLI as `pg-flux --help` and every command's help list them. */
export const EXIT_CODES_HELP = [
  "Exit codes:",
  "  0  success, or nothing to do",
  "  1  runtime failure (connection, SQL error)",
  "  2  invalid input (usage, unparseable SQL, bad hint)",
  "  3  refused (blocking hazards, stale plan, a saved plan edited after it was saved, checksum",
  "     conflict, roles missing on the target)",
  "  4  changes pending (--check)",
  "  130, 143  interrupted by Ctrl-C (SIGINT) or SIGTERM during migrate apply or push: the running",
  "     statement was cancelled on the server and its locks released; what ran is listed",
].join("\n");
