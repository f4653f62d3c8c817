#!/usr/bin/env bash
# pg-flux schema review of a pull request: the logic of the GitHub Action (action.yml at the
# repository root), runnable anywhere. It plans the schema change, writes the review comment
# (pg-flux's markdown: summary, hazards table, SQL per transaction group, mermaid diagram of the
# order, then the verdict) to a file, and exits as the check should end. Posting the comment is a
# separate step (post-comment.sh), so everything here runs offline; packages/pg-flux/test/action.test.ts
# runs it as action.yml does, on a real server.
#
# What is compared, one of:
#   PGFLUX_DATABASE_URL set   the live schema of that database → the schema folder as checked out
#                             (or at PGFLUX_HEAD_REF); read only, never changed
#   PGFLUX_BASE_REF set       the schema folder at that git ref → as checked out (or at
#                             PGFLUX_HEAD_REF); both sides are loaded into an embedded PostgreSQL
# Environment:
#   PGFLUX_SCHEMA         desired-state folder or .sql file, relative to the repository (default: schema)
#   PGFLUX_ALLOW_HAZARDS  blocking hazards the check accepts: DATA_LOSS,TABLE_REWRITE,LONG_LOCK or all
#   PGFLUX_OPTIONS        more pg-flux options, split on spaces (e.g. --schemas app)
#   PGFLUX_COMMENT_FILE   where the comment is written (default: pg-flux-review.md)
#   PGFLUX_BIN            command running pg-flux (default: this checkout's packages/pg-flux build)
# Exit: 0 nothing to do, or every blocking hazard allowed; 3 blocking hazards not allowed;
# 2 invalid input (bad SQL or hint, bad setting); 1 anything else. The comment file is written in
# every case. With GITHUB_OUTPUT set: comment-file, changes (true|false) and exit-code are recorded.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
schema="${PGFLUX_SCHEMA:-schema}"
schema="${schema%/}"
comment="${PGFLUX_COMMENT_FILE:-pg-flux-review.md}"
if [ -n "${PGFLUX_BIN:-}" ]; then
  read -r -a bin <<<"$PGFLUX_BIN"
else
  bin=(node "$here/../../packages/pg-flux/bin/pg-flux.js")
fi
options=()
if [ -n "${PGFLUX_OPTIONS:-}" ]; then read -r -a options <<<"$PGFLUX_OPTIONS"; fi

# The first line marks the comment as this review's, so a re-run updates it instead of adding one.
marker="<!-- pg-flux-review -->"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

finish() { # exit code, verdict line, details (shown in a text block)
  local code=$1 verdict=$2 details=${3:-}
  {
    echo "$marker"
    if [ -s "$work/plan.md" ]; then cat "$work/plan.md"; else echo "## pg-flux migration plan"; fi
    echo
    echo "---"
    echo "$verdict"
    if [ -n "$details" ]; then
      echo
      echo '```text'
      echo "$details"
      echo '```'
    fi
  } >"$work/comment.md"
  # GitHub refuses comments over 65536 characters: keep the head (whole lines, an open code block
  # closed), print the whole plan to the job log and say so
  if [ "$(wc -c <"$work/comment.md")" -gt 60000 ]; then
    cat "$work/comment.md"
    head -c 58000 "$work/comment.md" | sed '$d' >"$work/cut.md"
    if [ $(($(grep -c '^```' "$work/cut.md") % 2)) -eq 1 ]; then echo '```' >>"$work/cut.md"; fi
    printf '\n_The plan is too long for a comment: it is cut here. The job log holds all of it._\n\n---\n%s\n' \
      "$verdict" >>"$work/cut.md"
    mv "$work/cut.md" "$work/comment.md"
  fi
  mv "$work/comment.md" "$comment"
  local changes=false # exit 4 (changes pending) or 3 (refused) come from a plan with steps
  if [ "${code_of_plan:-0}" -eq 4 ] || [ "${code_of_plan:-0}" -eq 3 ]; then changes=true; fi
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    {
      echo "comment-file=$comment"
      echo "changes=$changes"
      echo "exit-code=$code"
    } >>"$GITHUB_OUTPUT"
  fi
  echo "pg-flux review: exit $code, changes: $changes; comment written to $comment"
  exit "$code"
}

# The schema folder as it is at a git ref, copied to a folder of its own (its path is printed); a
# ref without it is an empty schema. Fails when the ref is not in the checkout.
at_ref() { # ref, destination
  local ref=$1 destination=$2
  git rev-parse --verify --quiet "$ref^{commit}" >/dev/null || return 1
  mkdir -p "$destination"
  if git cat-file -e "$ref:$schema" 2>/dev/null; then
    git archive --format=tar "$ref" -- "$schema" | tar -x -C "$destination"
    echo "$destination/$schema"
  else
    : >"$destination/empty.sql" # an empty .sql file: pg-flux reads it as an empty desired state
    echo "$destination/empty.sql"
  fi
}

missing_ref() {
  finish 2 "❌ **pg-flux could not review this change:** the git ref \`$1\` is not in this checkout." \
    "Fetch it first (actions/checkout with fetch-depth: 0, or git fetch origin $1)."
}

if [ -n "${PGFLUX_HEAD_REF:-}" ]; then
  desired=$(at_ref "$PGFLUX_HEAD_REF" "$work/head") || missing_ref "$PGFLUX_HEAD_REF"
  after="\`$schema\` at \`$PGFLUX_HEAD_REF\`"
else
  desired="$schema"
  after="\`$schema\`"
fi
if [ ! -e "$desired" ]; then
  finish 2 "❌ **pg-flux could not review this change:** the schema folder \`$schema\` does not exist." \
    "Set the action's schema input (PGFLUX_SCHEMA) to the folder holding the desired-state SQL."
fi

gate=(--format markdown --check --fail-on-hazards)
if [ -n "${PGFLUX_ALLOW_HAZARDS:-}" ]; then gate+=(--allow-hazards "$PGFLUX_ALLOW_HAZARDS"); fi
if [ -n "${PGFLUX_DATABASE_URL:-}" ]; then
  before="the database"
  # the URL goes through the environment, never the command line (pg-flux prints it masked anyway)
  command=(env DATABASE_URL="$PGFLUX_DATABASE_URL" "${bin[@]}" migrate plan --source "$desired")
elif [ -n "${PGFLUX_BASE_REF:-}" ]; then
  current=$(at_ref "$PGFLUX_BASE_REF" "$work/base") || missing_ref "$PGFLUX_BASE_REF"
  before="\`$schema\` at \`$PGFLUX_BASE_REF\`"
  command=("${bin[@]}" diff --from "$current" --to "$desired")
else
  finish 2 "❌ **pg-flux could not review this change:** nothing to compare the schema with." \
    "Set database-url (PGFLUX_DATABASE_URL) or base-ref (PGFLUX_BASE_REF)."
fi

code=0
"${command[@]}" "${gate[@]}" ${options[@]+"${options[@]}"} >"$work/plan.md" 2>"$work/stderr.txt" || code=$?
cat "$work/stderr.txt" >&2
code_of_plan=$code
problems=$(grep -v '^Changes pending: ' "$work/stderr.txt" || true)
compared="Compared: $before → $after."

case "$code" in
  0) finish 0 "✅ **pg-flux:** nothing to migrate. $compared" ;;
  4)
    if [ -n "${PGFLUX_ALLOW_HAZARDS:-}" ] && grep -q "| yes, unless allowed |" "$work/plan.md"; then
      finish 0 "✅ **pg-flux:** the blocking hazards above are allowed (allow-hazards: \`$PGFLUX_ALLOW_HAZARDS\`). $compared" "$problems"
    fi
    finish 0 "✅ **pg-flux:** no blocking hazards. $compared" "$problems"
    ;;
  3) finish 3 "❌ **pg-flux:** blocking hazards that are not allowed: \`migrate apply\` would refuse this plan. Change the schema, or allow them with the action's \`allow-hazards\` input. $compared" "$problems" ;;
  2) finish 2 "❌ **pg-flux could not plan this schema** (invalid input, exit 2). $compared" "$problems" ;;
  *) finish 1 "❌ **pg-flux failed** (exit $code). $compared" "$problems" ;;
esac
