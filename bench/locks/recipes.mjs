/**
 * The lock-bench table and the five recipes: per recipe the naive statement, the table as a user
 * would write it after the change (pg-flux plans the migration from it), and how to undo both so
 * the next run starts from the same table.
 */

/** @param {number} rows */
export function tableSetup(rows) {
  return [
    "DROP TABLE IF EXISTS lock_events, lock_parent",
    "CREATE TABLE lock_parent (id integer PRIMARY KEY)",
    "INSERT INTO lock_parent SELECT generate_series(1, 1000)",
    `CREATE TABLE lock_events (
       id bigint PRIMARY KEY,
       parent_id integer,
       tenant_id integer,
       amount integer,
       email text,
       created_at timestamptz
     )`,
    `INSERT INTO lock_events
       SELECT g, 1 + g % 1000, 1 + g % 50, g % 1000, 'user' || g || '@example.com',
              timestamptz '2024-01-01' + g * interval '1 second'
         FROM generate_series(1, ${Math.trunc(rows)}) AS g`,
    "VACUUM (ANALYZE) lock_events",
  ];
}

/**
 * @typedef {{
 *   name: string,
 *   naive: readonly string[],
 *   desiredDdl: string,
 *   reset: readonly string[],
 * }} Recipe
 * `desiredDdl` is the table as the user would write it after the change (for the real planner).
 */

const TABLE = (extra) => `CREATE TABLE lock_parent (id integer PRIMARY KEY);
CREATE TABLE lock_events (
  id bigint PRIMARY KEY,
  parent_id integer,
  tenant_id integer${extra.notNull ? " NOT NULL" : ""},
  amount integer,
  email text,
  created_at timestamptz${extra.constraint ? `,\n  ${extra.constraint}` : ""}
);${extra.after ? `\n${extra.after}` : ""}
`;

/** @type {readonly Recipe[]} */
export const RECIPES = [
  {
    name: "SET NOT NULL",
    naive: ["ALTER TABLE lock_events ALTER COLUMN tenant_id SET NOT NULL"],
    desiredDdl: TABLE({ notNull: true }),
    reset: [
      "ALTER TABLE lock_events DROP CONSTRAINT IF EXISTS chk_lock_events_tenant_id_notnull",
      "ALTER TABLE lock_events ALTER COLUMN tenant_id DROP NOT NULL",
    ],
  },
  {
    name: "add FK",
    naive: [
      "ALTER TABLE lock_events ADD CONSTRAINT lock_events_parent_fk FOREIGN KEY (parent_id) REFERENCES lock_parent (id)",
    ],
    desiredDdl: TABLE({
      constraint: "CONSTRAINT lock_events_parent_fk FOREIGN KEY (parent_id) REFERENCES lock_parent (id)",
    }),
    reset: ["ALTER TABLE lock_events DROP CONSTRAINT IF EXISTS lock_events_parent_fk"],
  },
  {
    name: "add CHECK",
    naive: ["ALTER TABLE lock_events ADD CONSTRAINT lock_events_amount_check CHECK (amount >= 0)"],
    desiredDdl: TABLE({ constraint: "CONSTRAINT lock_events_amount_check CHECK (amount >= 0)" }),
    reset: ["ALTER TABLE lock_events DROP CONSTRAINT IF EXISTS lock_events_amount_check"],
  },
  {
    name: "add UNIQUE",
    naive: ["ALTER TABLE lock_events ADD CONSTRAINT lock_events_email_key UNIQUE (email)"],
    desiredDdl: TABLE({ constraint: "CONSTRAINT lock_events_email_key UNIQUE (email)" }),
    reset: [
      "ALTER TABLE lock_events DROP CONSTRAINT IF EXISTS lock_events_email_key",
      "DROP INDEX IF EXISTS lock_events_email_key",
    ],
  },
  {
    name: "add index",
    naive: ["CREATE INDEX lock_events_created_at_idx ON lock_events (created_at)"],
    desiredDdl: TABLE({ after: "CREATE INDEX lock_events_created_at_idx ON lock_events (created_at);" }),
    reset: ["DROP INDEX IF EXISTS lock_events_created_at_idx"],
  },
];
