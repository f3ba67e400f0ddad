import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/**
 * With BENCH_CPU_PROFILE=<folder>, a CPU profile of this process (the app under test) while
 * `run` runs, written as <folder>/<name>.cpuprofile (open it in Chrome DevTools); without, just `run`.
 */
export async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  const folder = process.env.BENCH_CPU_PROFILE;
  if (!folder) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    const file = join(folder, `${name.replace(/[^\w.-]+/g, '-')}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.error(`» CPU profile of ${name}: ${file}`);
  }
}
