import { createHash, randomBytes } from "node:crypto";
import {
  connectionUrl,
  PgFluxError,
  quoteIdent,
  quoteLiteral,
  redactUrl,
  renameRole,
  type SchemaState,
} from "@pg-flux/core";
import { withConnection } from "@pg-flux/inspector";
import type pg from "pg";
import {
  DEFAULT_MAJOR,
  findBinaries,
  isSupportedMajor,
  type PostgresMajor,
  SUPPORTED_MAJORS,
} from "../embedded/binaries.js";
import { binariesIdentity } from "../embedded/identity.js";
import { type EmbeddedServer, startEmbeddedPostgres } from "../embedded/server.js";
import { registerCleanup } from "./cleanup.js";
import { createLoadRole, createRoles } from "./roles.js";
import { isStale, LOADER_PREFIX, loaderName, SCRATCH_PREFIX, scratchName } from "./scratch-name.js";

/**
 * Where the desired state is normalized and plans are verified: a server that holds throwaway
 * databases and is never the target (unless the user names the target's server as `shadowUrl`).
 * One host serves a whole command: the desired state's load and the verification copy.
 */
export interface ScratchHost {
  /** `embedded`: a PostgreSQL started for the command; `shadow`: the server at `shadowUrl`. */
  readonly placement: "shadow" | "embedded";
  /** Major of the scratch server. */
  readonly major: number;
  /** Notes for the user (a scratch server of another major than the target's). */
  readonly warnings: readonly string[];
  /**
   * What a desired state normalized here depends on besides the files (the server's version and
   * build, the extensions it can create, its settings): equal identities normalize equal files
   * alike. Null when it cannot be told (see binariesIdentity); the desired-state cache is then unused.
   */
  readonly identity: string | null;
  /** The role what a load creates reads as owned by (toTarget): the target's current user; null when it is whoever runs the load. */
  readonly owner: string | null;
  /**
   * What loading files that name `roles` depends on here: on a shadow server, which of them exist
   * and which the loader may act as (see provideRoles); on the embedded server nothing (every one
   * is created the same way), so "".
   */
  roleFacts(roles: readonly string[]): Promise<string>;
  /** A fresh, empty database (`CREATE DATABASE … TEMPLATE template0`); the caller drops it. */
  createDatabase(): Promise<ScratchDatabase>;
  /**
   * Makes the roles a load or a copy names usable there and returns those that are missing. On the
   * embedded server each one is created NOLOGIN when missing (none is ever missing). On a shadow
   * server pg-flux creates no roles: the missing ones are returned, and the loader is made a member
   * of the existing ones that carry no server-wide power (so `OWNER TO` them works).
   */
  provideRoles(roles: readonly string[]): Promise<string[]>;
  /** Gives a session of a scratch database the identity desired-state code runs under. */
  beginLoad(client: pg.ClientBase): Promise<void>;
  /** A state read from a scratch database, named as the target would hold it (the loader → the target's role). */
  toTarget(state: SchemaState): SchemaState;
  /** The reverse: a state (the current one) to be built on the scratch server. */
  toScratch(state: SchemaState): SchemaState;
  /** Drops what is still open, drops the shadow loader role, stops an embedded server. */
  close(): Promise<void>;
}

export interface ScratchDatabase {
  /**
   * Where desired-state code and plan statements run: as the throwaway loader role on a shadow
   * server, as the superuser on the embedded one (a load then calls `beginLoad`).
   */
  readonly url: string;
  readonly name: string;
  /**
   * Drops it (WITH (FORCE)). On a shadow server the promise waits for the drop; on the embedded
   * server, pg-flux's own, it resolves at once and the drop finishes in the background.
   */
  drop(): Promise<void>;
}

export interface ScratchHostOptions {
  /** A server where pg-flux may create databases and a throwaway role: used instead of an embedded server. */
  readonly shadowUrl?: string | undefined;
  /** The database being migrated: its major picks the embedded server, its role owns what the load creates. Read only. */
  readonly targetUrl?: string | undefined;
  /** Major of the embedded server (default: the target's, else 18). */
  readonly embeddedMajor?: PostgresMajor | undefined;
}

/**
 * The scratch server of a command before it is opened: what it is (for the desired-state cache's
 * key) without starting or changing anything, and `open()` to start it (the embedded server) or set
 * it up (the shadow server's loader role) when scratch work is needed. A command whose desired state
 * comes from the cache and whose plan is empty never opens it.
 */
export interface ScratchSite {
  readonly placement: ScratchHost["placement"];
  /** ScratchHost.identity and the warnings, known before opening (a shadow server is asked, read only). */
  describe(): Promise<SiteDescription>;
  /** ScratchHost.roleFacts, read only. */
  roleFacts(roles: readonly string[]): Promise<string>;
  /** Opens the host on the first call (later calls return the same one). */
  open(): Promise<ScratchHost>;
  /** Whether open() was called. */
  readonly opened: boolean;
  /** Closes the host if it was opened here. */
  close(): Promise<void>;
}

export interface SiteDescription {
  readonly identity: string | null;
  readonly owner: string | null;
  readonly warnings: readonly string[];
}

/**
 * Opens the scratch server of a command: the server at `shadowUrl` when given, else an embedded
 * PostgreSQL of the target's major (started here; its binaries must be installed, see
 * `findBinaries`). The target server is never used for scratch work: it is only asked its version
 * and current user.
 */
export async function openScratchHost(options: ScratchHostOptions): Promise<ScratchHost> {
  return (await scratchSite(options)).open();
}

/**
 * The scratch server openScratchHost would open, not opened yet (see ScratchSite). The target is
 * asked its version and current user; the embedded server's binaries must be installed (the error
 * names the command that installs them).
 */
export async function scratchSite(options: ScratchHostOptions): Promise<ScratchSite> {
  const target = options.targetUrl ? await targetFacts(options.targetUrl) : null;
  if (options.shadowUrl) return shadowSite(options.shadowUrl, target);
  const warnings: string[] = [];
  let major: PostgresMajor = options.embeddedMajor ?? DEFAULT_MAJOR;
  if (options.embeddedMajor === undefined && target) {
    if (!isSupportedMajor(target.major)) {
      throw new PgFluxError(
        `the target runs PostgreSQL ${target.major}, and pg-flux has no embedded server of that major (it ships ${SUPPORTED_MAJORS.join(", ")})`,
        {
          code: "invalid_input",
          hint: `pass --shadow-url <a PostgreSQL ${target.major} server where pg-flux may create databases and roles>`,
        },
      );
    }
    major = target.major;
  }
  if (target && major !== target.major)
    warnings.push(majorWarning(`an embedded PostgreSQL ${major}`, target.major));
  const binaries = findBinaries(major);
  const built = binariesIdentity(binaries);
  const identity = built === null ? null : `embedded ${built}`;
  return lazySite("embedded", {
    describe: async () => ({ identity, warnings, owner: target?.user ?? null }),
    roleFacts: async () => "",
    open: async () =>
      embeddedHost(await startEmbeddedPostgres({ major }), target?.user ?? null, warnings, identity),
  });
}

/** A host opened by the caller (a library user sharing one across plans): the site never closes it. */
export function siteOf(host: ScratchHost): ScratchSite {
  return {
    placement: host.placement,
    describe: async () => ({ identity: host.identity, warnings: host.warnings, owner: host.owner }),
    roleFacts: (roles) => host.roleFacts(roles),
    open: async () => host,
    opened: true,
    async close() {
      // the caller's
    },
  };
}

function lazySite(
  placement: ScratchHost["placement"],
  how: Pick<ScratchSite, "describe" | "roleFacts" | "open">,
): ScratchSite {
  let opening: Promise<ScratchHost> | undefined;
  return {
    placement,
    describe: how.describe,
    roleFacts: how.roleFacts,
    open() {
      opening ??= how.open();
      return opening;
    },
    get opened() {
      return opening !== undefined;
    },
    async close() {
      if (!opening) return;
      const host = await opening.catch(() => undefined);
      await host?.close();
    },
  };
}

interface TargetFacts {
  readonly major: number;
  readonly user: string;
}

async function targetFacts(url: string): Promise<TargetFacts> {
  return withConnection(url, "inspect", async (client) => {
    const { rows } = await client.query<{ v: string; u: string }>(
      "select current_setting('server_version_num') as v, current_user as u",
    );
    const row = rows[0] as { v: string; u: string };
    return { major: Math.floor(Number(row.v) / 10000), user: row.u };
  });
}

function majorWarning(where: string, targetMajor: number): string {
  return `the desired state is normalized on ${where} while the target runs ${targetMajor}: deparsed SQL may differ; pass --shadow-url to a server of the target's major`;
}

/**
 * The embedded server is pg-flux's own and thrown away with the command: the load runs under
 * `SET SESSION AUTHORIZATION <the target's role>` (created there as a NOLOGIN superuser, so the
 * files' OWNER TO / GRANT work), and every role the files or the current schema name is created
 * NOLOGIN as a placeholder.
 */
function embeddedHost(
  server: EmbeddedServer,
  targetUser: string | null,
  warnings: readonly string[],
  identity: string | null,
): ScratchHost {
  // nobody else uses this server and it is stopped with the command: a scratch database is dropped
  // without making the command wait (a drop forces a checkpoint and unlinks every file: 39.6 s for
  // a 5,000-table desired state, at load 10, in series before the plan)
  const databases = databaseFactory(server.url, null, { dropInBackground: true });
  return {
    placement: "embedded",
    major: server.major,
    warnings,
    identity,
    owner: targetUser,
    roleFacts: async () => "",
    createDatabase: databases.create,
    async provideRoles(roles) {
      if (roles.length > 0) await withClient(server.url, (client) => createRoles(client, roles));
      return [];
    },
    async beginLoad(client) {
      if (targetUser === null) return;
      await createLoadRole(client, targetUser);
      await client.query(`set session authorization ${quoteIdent(targetUser)}`);
    },
    toTarget: (state) => state,
    toScratch: (state) => state,
    async close() {
      await server.stop(); // its databases go with it, drops still running included
    },
  };
}

/**
 * A shadow server is shared: desired-state code runs there as a throwaway role pg-flux creates for
 * the command (`pgflux_load_<time>_<random>`: LOGIN with a random password, valid for a day, no
 * SUPERUSER, CREATEDB, CREATEROLE, REPLICATION or BYPASSRLS, member of no predefined role), which
 * owns the scratch databases; it connects as itself, so code cannot `RESET ROLE` back to the
 * shadow URL's role. Objects it creates read as owned by the target's role (`toTarget`). It is
 * dropped when the host closes, after the databases.
 */
function shadowSite(adminUrl: string, target: TargetFacts | null): ScratchSite {
  let described: Promise<SiteDescription & { readonly identity: string }> | undefined;
  const describe = () => {
    described ??= withClient(adminUrl, async (client) => {
      const facts = await shadowFacts(client);
      const warnings =
        target && target.major !== facts.major
          ? [majorWarning(`the shadow server (PostgreSQL ${facts.major})`, target.major)]
          : [];
      return { identity: facts.identity, warnings, owner: target?.user ?? facts.user };
    });
    return described;
  };
  const roleFacts = (roles: readonly string[]) =>
    withClient(adminUrl, async (client) => describeRoles(await shadowRoles(client, roles)));
  return lazySite("shadow", {
    describe,
    roleFacts,
    open: async () => openShadowHost(adminUrl, target, await describe(), roleFacts),
  });
}

/** Settings that differ between connections of one role, not between servers. */
const SESSION_SETTINGS = ["application_name", "client_encoding"];

/**
 * What a shadow server normalizes SQL with: its version and build, the extensions it offers (name
 * and default version), every setting (as this connection sees them: the same URL sees the same)
 * and template0's encoding and locale (scratch databases are created from it).
 */
async function shadowFacts(
  client: pg.ClientBase,
): Promise<{ major: number; identity: string; user: string }> {
  const { rows } = await client.query<ShadowFactsRow>(
    `select current_user as u, current_setting('server_version_num') as v, version() as build,
            coalesce((select string_agg(name || ' ' || coalesce(default_version, ''), ',' order by name) from pg_available_extensions), '') as extensions,
            (select string_agg(name || '=' || coalesce(setting, ''), E'\n' order by name) from pg_settings where name <> all($1)) as settings,
            (select concat_ws(' ', pg_encoding_to_char(encoding), datcollate, datctype) from pg_database where datname = 'template0') as template`,
    [SESSION_SETTINGS],
  );
  const row = rows[0] as ShadowFactsRow;
  const identity = createHash("sha256")
    .update(["shadow", row.v, row.build, row.extensions, row.settings, row.template].join("\0"))
    .digest("hex");
  return { major: Math.floor(Number(row.v) / 10000), identity: `shadow ${identity}`, user: row.u };
}

interface ShadowFactsRow {
  readonly u: string;
  readonly v: string;
  readonly build: string;
  readonly extensions: string;
  readonly settings: string;
  readonly template: string;
}

async function openShadowHost(
  adminUrl: string,
  target: TargetFacts | null,
  described: SiteDescription,
  roleFacts: (roles: readonly string[]) => Promise<string>,
): Promise<ScratchHost> {
  const admin = await withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{
      u: string;
      v: string;
      superuser: boolean;
      createdb: boolean;
      createrole: boolean;
    }>(
      "select current_user as u, current_setting('server_version_num') as v, rolsuper as superuser, rolcreatedb as createdb, rolcreaterole as createrole from pg_roles where rolname = current_user",
    );
    return rows[0];
  });
  if (!admin || !(admin.superuser || (admin.createdb && admin.createrole))) {
    throw new PgFluxError(`the shadow role may not create databases and roles on ${redactUrl(adminUrl)}`, {
      code: "invalid_input",
      hint: "grant it CREATEDB and CREATEROLE: pg-flux creates pgflux_shadow_* databases there, and a throwaway role (pgflux_load_*) that runs the desired-state code without any server-wide privilege",
    });
  }
  const major = Math.floor(Number(admin.v) / 10000);
  const loader = loaderName();
  const password = randomBytes(18).toString("base64url");
  const validUntil = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString();
  const dropLoader = () =>
    withClient(adminUrl, (client) => client.query(`drop role if exists ${loader}`)).then(() => undefined);
  await withClient(adminUrl, async (client) => {
    await dropStaleScratch(client).catch(() => undefined);
    // `loader` is generated from [a-z0-9_], never from input: no quoting needed
    await client.query(
      `create role ${loader} login password ${quoteLiteral(password)} valid until ${quoteLiteral(validUntil)} nosuperuser nocreatedb nocreaterole noreplication nobypassrls inherit connection limit 20`,
    );
    // CREATE DATABASE … OWNER needs the creator to be able to act as the owner
    if (!admin.superuser) await client.query(`grant ${loader} to current_user`);
  });
  const databases = databaseFactory(adminUrl, { name: loader, password });
  const unregister = registerCleanup(async () => {
    await databases.dropAll();
    await dropLoader();
  });
  const owner = target?.user ?? admin.u;
  return {
    placement: "shadow",
    major,
    warnings: described.warnings,
    identity: described.identity,
    owner,
    roleFacts,
    createDatabase: databases.create,
    provideRoles: (roles) => shareRoles(adminUrl, loader, roles),
    async beginLoad() {
      // the session is the loader's own
    },
    toTarget: (state) => renameRole(state, loader, owner),
    toScratch: (state) => renameRole(state, owner, loader),
    async close() {
      unregister();
      await databases.dropAll();
      await dropLoader().catch(() => undefined);
    },
  };
}

/**
 * On a shadow server: the roles among `roles` that do not exist, after making the loader a member
 * of each existing one that is harmless to act as: no SUPERUSER, CREATEDB, CREATEROLE, REPLICATION
 * or BYPASSRLS, and not a member (directly or not) of a role that has one, or of a predefined
 * `pg_*` role (pg_execute_server_program, pg_read_server_files, pg_write_server_files, …). A grant
 * the shadow role may not make is skipped: the statement that needed it then fails with its location.
 */
async function shareRoles(adminUrl: string, loader: string, roles: readonly string[]): Promise<string[]> {
  const wanted = roles.filter((role) => role !== loader && role.toLowerCase() !== "public");
  if (wanted.length === 0) return [];
  return withClient(adminUrl, async (client) => {
    const rows = await shadowRoles(client, wanted);
    for (const row of rows) {
      if (!row.harmless) continue;
      await client.query(`grant ${quoteIdent(row.rolname)} to ${loader}`).catch(() => undefined);
    }
    const present = new Set(rows.map((row) => row.rolname));
    return wanted.filter((role) => !present.has(role));
  });
}

/**
 * Which of `roles` exist on a shadow server, and whether each is harmless to act as: no SUPERUSER,
 * CREATEDB, CREATEROLE, REPLICATION or BYPASSRLS, and not a member (directly or not) of a role that
 * has one, or of a predefined `pg_*` role.
 */
async function shadowRoles(
  client: pg.ClientBase,
  roles: readonly string[],
): Promise<{ rolname: string; harmless: boolean }[]> {
  if (roles.length === 0) return [];
  const { rows } = await client.query<{ rolname: string; harmless: boolean }>(
    `with recursive wanted as (
       select oid, rolname from pg_roles where rolname = any($1)
     ), closure(root, member_of) as (
       select oid, oid from wanted
       union
       select closure.root, m.roleid from closure join pg_auth_members m on m.member = closure.member_of
     )
     select w.rolname,
            bool_and(not (r.rolsuper or r.rolcreatedb or r.rolcreaterole or r.rolreplication or r.rolbypassrls)
                     and r.rolname not like 'pg\\_%') as harmless
       from wanted w join closure c on c.root = w.oid join pg_roles r on r.oid = c.member_of
      group by w.rolname
      order by w.rolname`,
    [[...roles]],
  );
  return rows;
}

/** shadowRoles as one line per role (absent ones included), for the desired-state cache. */
function describeRoles(rows: readonly { rolname: string; harmless: boolean }[]): string {
  return rows.map((row) => `${row.rolname}:${row.harmless ? "harmless" : "powerful"}`).join("\n");
}

/**
 * Creates scratch databases on a server and keeps track of the open ones, so that a host drops
 * them all on close. `loader`: on a shadow server, the role that owns them and alone may connect to
 * them (and its credentials); null on the embedded server, whose superuser does everything.
 * `dropInBackground`: a database's `drop()` resolves at once and the DROP runs on its own (its
 * failure ignored: the server is pg-flux's and goes away with the command).
 */
function databaseFactory(
  adminUrl: string,
  loader: { readonly name: string; readonly password: string } | null,
  { dropInBackground = false }: { readonly dropInBackground?: boolean } = {},
) {
  const open = new Set<ScratchDatabase>();
  const create = async (): Promise<ScratchDatabase> => {
    const name = scratchName();
    // `name` and the loader's name are generated from [a-z0-9_], never from input: no quoting needed
    await withClient(adminUrl, async (client) => {
      await client.query(
        `create database ${name}${loader ? ` owner ${loader.name}` : ""} template template0`,
      );
      if (loader) await client.query(`revoke all on database ${name} from public`);
    });
    let dropped: Promise<void> | undefined;
    const database: ScratchDatabase = {
      name,
      url: withPath(loader ? withCredentials(adminUrl, loader.name, loader.password) : adminUrl, name),
      drop() {
        dropped ??= dropDatabase(adminUrl, name).then(() => {
          open.delete(database);
        });
        if (!dropInBackground) return dropped;
        dropped.catch(() => undefined);
        return Promise.resolve();
      },
    };
    open.add(database);
    if (loader) await probeLoader(database.url, loader.name);
    return database;
  };
  const dropAll = async () => {
    await Promise.all([...open].map((database) => database.drop().catch(() => undefined)));
  };
  return { create, dropAll };
}

/** How long a scratch database's drop is tried again while its sessions are still leaving. */
const DROP_RETRY_MS = 30_000;

/**
 * `DROP DATABASE … WITH (FORCE)` terminates the database's sessions, waits 5 s for them to leave,
 * then fails with 55006 (object_in_use). A backend can take longer on a busy machine, and the
 * scratch database and its loader role would then be left behind: the drop is tried again while
 * PostgreSQL says the database is in use.
 */
async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const until = Date.now() + DROP_RETRY_MS;
  for (;;) {
    try {
      // `name` is generated from [a-z0-9_], never from input: no quoting needed
      await withClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
      return;
    } catch (error) {
      const inUse = typeof error === "object" && error !== null && "code" in error && error.code === "55006";
      if (!inUse || Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The loader logs in with a password: say what to change when the shadow server does not let it. */
async function probeLoader(url: string, loader: string): Promise<void> {
  try {
    await withClient(url, async () => undefined);
  } catch (error) {
    throw new PgFluxError(
      `pg-flux's throwaway role ${loader} cannot log in to the shadow server: ${error instanceof Error ? error.message : String(error)}`,
      {
        code: "runtime",
        cause: error,
        hint: "the desired state is loaded there by a role pg-flux creates, logging in with a password over the shadow URL's host and port: allow password logins for pgflux_load_* roles (pg_hba.conf), or drop --shadow-url to use the embedded server",
      },
    );
  }
}

function withPath(url: string, database: string): string {
  const parsed = new URL(connectionUrl(url));
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(connectionUrl(url));
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}

/** Drops `pgflux_shadow_*` databases whose name says they are more than an hour old. */
export async function dropStaleScratchDatabases(
  adminUrl: string,
  now: number = Date.now(),
): Promise<string[]> {
  return withClient(adminUrl, (client) => dropStaleScratch(client, now));
}

/**
 * Drops the scratch databases, then the loader roles, whose names say they are more than an hour
 * old (left by a run that was killed); returns what it dropped.
 */
async function dropStaleScratch(client: pg.ClientBase, now: number = Date.now()): Promise<string[]> {
  const dropped: string[] = [];
  const { rows: databases } = await client.query<{ datname: string }>(
    `select datname from pg_database where datname like ${quoteLiteral(`${SCRATCH_PREFIX}%`)}`,
  );
  for (const { datname } of databases) {
    if (!isStale(datname, now)) continue;
    // only names matching the generated pattern reach here ([a-z0-9_])
    await client.query(`drop database if exists ${datname} with (force)`).catch(() => undefined);
    dropped.push(datname);
  }
  const { rows: roles } = await client.query<{ rolname: string }>(
    `select rolname from pg_roles where rolname like ${quoteLiteral(`${LOADER_PREFIX}%`)}`,
  );
  for (const { rolname } of roles) {
    if (!isStale(rolname, now)) continue;
    await client.query(`drop role if exists ${rolname}`).catch(() => undefined);
    dropped.push(rolname);
  }
  return dropped;
}

/** Runs `work` on a fresh connection; a connection failure names the server without its password. */
export function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withConnection(url, "scratch", work);
}
