/**
 * What a server and one of its databases hold, as plain rows, to prove that a command changed
 * nothing: the server's databases, roles (with every attribute and a hash of the password),
 * memberships, per-database/role settings, configuration files, tablespaces and replication slots;
 * the database's schemas, relations, columns, constraints, indexes (and their validity), routines,
 * types, triggers, event triggers, policies, extensions, comments and default privileges, plus a
 * hash of each user table's rows. Checkpoints are read apart (lastCheckpoint).
 */
import pg from "pg";

export type CatalogSnapshot = Readonly<Record<string, readonly unknown[]>>;

/** Server-wide catalogs (read through any database of the server). */
const SERVER_QUERIES: Readonly<Record<string, string>> = {
  databases:
    "select datname, pg_get_userbyid(datdba) as owner, encoding, datistemplate, datallowconn, datconnlimit, datacl::text from pg_database order by datname",
  roles: `select rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication,
            rolbypassrls, rolconnlimit, rolvaliduntil::text, md5(coalesce(rolpassword, '')) as password
            from pg_authid order by rolname`,
  memberships:
    "select roleid::regrole::text as role, member::regrole::text as member, admin_option from pg_auth_members order by 1, 2",
  roleSettings:
    "select coalesce(d.datname, '*') as db, coalesce(r.rolname, '*') as role, s.setconfig::text from pg_db_role_setting s left join pg_database d on d.oid = s.setdatabase left join pg_roles r on r.oid = s.setrole order by 1, 2",
  configFiles: "select name, setting, applied, error from pg_file_settings order by name, seqno",
  serverSettings:
    "select name, setting from pg_settings where source not in ('default', 'client', 'session', 'override') order by name",
  tablespaces:
    "select spcname, pg_get_userbyid(spcowner) as owner, spcacl::text from pg_tablespace order by 1",
  replicationSlots: "select slot_name, slot_type, database from pg_replication_slots order by 1",
};

/** Catalogs of the database itself. */
const DATABASE_QUERIES: Readonly<Record<string, string>> = {
  schemas:
    "select nspname, pg_get_userbyid(nspowner) as owner, nspacl::text from pg_namespace order by nspname",
  relations: `select c.oid::regclass::text as name, c.relkind, c.relpersistence, pg_get_userbyid(c.relowner) as owner,
                c.relacl::text, c.reloptions::text, c.relrowsecurity, c.relnatts
                from pg_class c order by 1`,
  columns: `select a.attrelid::regclass::text as rel, a.attname, a.atttypid::regtype::text as type, a.attnotnull,
              a.atthasdef, a.attisdropped, pg_get_expr(d.adbin, d.adrelid) as default
              from pg_attribute a join pg_class c on c.oid = a.attrelid
              left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
             where a.attnum > 0 and c.relnamespace not in ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
             order by 1, 2`,
  constraints:
    "select conrelid::regclass::text as rel, conname, contype, convalidated, pg_get_constraintdef(oid) as def from pg_constraint order by 1, 2, 5",
  indexes:
    "select indexrelid::regclass::text as name, indrelid::regclass::text as rel, indisvalid, indisready, indisunique from pg_index order by 1",
  routines: `select p.oid::regprocedure::text as name, pg_get_userbyid(p.proowner) as owner, md5(p.prosrc) as body,
               p.prosecdef, p.proacl::text from pg_proc p order by 1`,
  types:
    "select oid::regtype::text as name, typtype, pg_get_userbyid(typowner) as owner from pg_type order by 1",
  triggers: "select tgrelid::regclass::text as rel, tgname, tgenabled from pg_trigger order by 1, 2",
  eventTriggers: "select evtname, evtevent, evtenabled from pg_event_trigger order by 1",
  policies: "select polrelid::regclass::text as rel, polname from pg_policy order by 1, 2",
  extensions: "select extname, extversion from pg_extension order by 1",
  comments:
    "select classoid::regclass::text as catalog, objoid, objsubid, description from pg_description order by 1, 2, 3",
  defaultPrivileges:
    "select defaclrole::regrole::text as role, defaclobjtype, defaclacl::text from pg_default_acl order by 1, 2",
  publications: "select pubname from pg_publication order by 1",
  largeObjects: "select oid from pg_largeobject_metadata order by 1",
};

/** The snapshot of `databaseUrl`'s server and database. */
export async function catalogSnapshot(databaseUrl: string): Promise<CatalogSnapshot> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const snapshot: Record<string, readonly unknown[]> = {};
    for (const [name, sql] of Object.entries({ ...SERVER_QUERIES, ...DATABASE_QUERIES })) {
      snapshot[name] = (await client.query(sql)).rows;
    }
    snapshot.rows = await tableRows(client);
    return snapshot;
  } finally {
    await client.end();
  }
}

/** A hash of every user table's rows, by table. */
async function tableRows(client: pg.Client): Promise<unknown[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `select c.oid::regclass::text as name from pg_class c
      where c.relkind in ('r', 'p', 'm') and c.relnamespace not in ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
        and c.relnamespace::regnamespace::text not like 'pg\\_%'
      order by 1`,
  );
  const hashes: unknown[] = [];
  for (const { name } of tables) {
    // `name` is regclass output: already quoted where it needs to be
    const { rows } = await client.query(
      `select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as hash, count(*)::int as n from ${name} t`,
    );
    hashes.push({ name, ...rows[0] });
  }
  return hashes;
}

/**
 * Where the server's last checkpoint is (pg_control): it moves when anything forces one (every
 * CREATE/DROP DATABASE does). Read from pg_control, which a checkpoint updates before the session
 * that forced it goes on, unlike pg_stat_bgwriter's counter, which PostgreSQL 14-16 report late.
 */
export async function lastCheckpoint(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ lsn: string }>(
      "select checkpoint_lsn::text as lsn from pg_control_checkpoint()",
    );
    return rows[0]?.lsn ?? "";
  } finally {
    await client.end();
  }
}

/** The sections that differ between two snapshots, each with what was added and removed (empty: equal). */
export function snapshotChanges(
  before: CatalogSnapshot,
  after: CatalogSnapshot,
): Record<string, { added: unknown[]; removed: unknown[] }> {
  const changes: Record<string, { added: unknown[]; removed: unknown[] }> = {};
  for (const section of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = (before[section] ?? []).map((row) => JSON.stringify(row));
    const now = (after[section] ?? []).map((row) => JSON.stringify(row));
    const added = now.filter((row) => !was.includes(row)).map((row) => JSON.parse(row) as unknown);
    const removed = was.filter((row) => !now.includes(row)).map((row) => JSON.parse(row) as unknown);
    if (added.length > 0 || removed.length > 0) changes[section] = { added, removed };
  }
  return changes;
}
