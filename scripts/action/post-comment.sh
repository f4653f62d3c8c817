#!/usr/bin/env bash
# Posts the review comment review.sh wrote on the pull request, or updates the one an earlier run
# posted (found by the marker on its first line), through the GitHub API with `gh`. The only step
# of the action that needs the network; without GITHUB_TOKEN or outside a pull request it says so
# and posts nothing.
#   post-comment.sh <comment file>
# Environment: GITHUB_TOKEN, GITHUB_REPOSITORY, and PGFLUX_PR_NUMBER or GITHUB_EVENT_PATH (set by Actions).
set -euo pipefail

file="${1:?usage: post-comment.sh <comment file>}"
if [ -z "${GITHUB_TOKEN:-}" ]; then
  echo "pg-flux review: no GITHUB_TOKEN, the comment is not posted (it is in $file)"
  exit 0
fi
pr="${PGFLUX_PR_NUMBER:-}"
if [ -z "$pr" ] && [ -n "${GITHUB_EVENT_PATH:-}" ]; then
  pr=$(jq -r '.pull_request.number // empty' "$GITHUB_EVENT_PATH")
fi
if [ -z "$pr" ]; then
  echo "pg-flux review: not a pull request, the comment is not posted (it is in $file)"
  exit 0
fi

export GH_TOKEN="$GITHUB_TOKEN"
marker=$(head -n 1 "$file")
existing=$(gh api --paginate "repos/$GITHUB_REPOSITORY/issues/$pr/comments" \
  --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n 1)
if [ -n "$existing" ]; then
  gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$existing" -F "body=@$file" >/dev/null
  echo "pg-flux review: updated comment $existing on #$pr"
else
  gh api --method POST "repos/$GITHUB_REPOSITORY/issues/$pr/comments" -F "body=@$file" >/dev/null
  echo "pg-flux review: commented on #$pr"
fi
