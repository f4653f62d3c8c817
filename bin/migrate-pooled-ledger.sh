#!/usr/bin/env sh
# Upgrades a legacy global pg-flux ledger (flux.flux_migrations rows without a tenant schema) to the
# pooled shape keyed by (tenant_schema, version), assigning the legacy rows to one tenant. Run it once
# per pooled database on the Flux host. A thin wrapper: all the work is `pg-flux ledger upgrade`.
#
#   bin/migrate-pooled-ledger.sh --assign-legacy-to t_<shortId>_api [--database-url URL]
#   bin/migrate-pooled-ledger.sh --assign-legacy-to t_abc123_api --project percept --hash b915ec8
#
# Without --database-url the connection comes from DATABASE_URL or flux.json. Idempotent; refuses
# (exit 3, nothing changed) when the assignment is ambiguous. See docs/push.md.
set -eu

if command -v pg-flux >/dev/null 2>&1; then
  exec pg-flux ledger upgrade "$@"
fi
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
exec node "$root/packages/cli/bin/pg-flux.js" ledger upgrade "$@"
