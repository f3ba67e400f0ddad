import { DEFAULT_JOB_OPTIONS, defineQueues, jobId } from './define-queues';
import { processorProblems } from '../processors/match-processors';

describe('defineQueues', () => {
  it('refuses a queue whose name does not carry the service', () => {
    expect(() => defineQueues('loans', { 'applications-public-notices': ['close'] })).toThrow('must be named "loans-<kebab-case>"');
    expect(() => defineQueues('loans', { arrears: ['age'] })).toThrow('must be named "loans-<kebab-case>"');
  });

  it('gives every queue the default options (5 attempts, exponential backoff, completed kept a while, failed kept) unless it says otherwise', () => {
    const sut = defineQueues('loans', { 'loans-arrears': ['age-arrears'], 'loans-slow': { jobs: ['x'], defaultJobOptions: { attempts: 2 } } });
    expect(sut.queues[0].defaultJobOptions).toEqual(DEFAULT_JOB_OPTIONS);
    expect(DEFAULT_JOB_OPTIONS).toMatchObject({ attempts: 5, backoff: { type: 'exponential' }, removeOnComplete: { age: expect.any(Number) }, removeOnFail: false });
    expect(sut.queues[1].defaultJobOptions).toMatchObject({ attempts: 2, removeOnFail: false });
  });

  it('adds the service’s sweeps queue when it has daily sweeps', () => {
    const sut = defineQueues('reminders', { 'reminders-due': ['send-due'] }, { sweeps: ['due-today'] });
    expect(sut.queues.map((q) => q.name)).toEqual(['reminders-due', 'reminders-sweeps']);
  });
});

describe('jobId', () => {
  it('joins its parts deterministically and refuses what BullMQ 5 refuses', () => {
    expect(jobId('due', 'abc', 'T-1')).toBe('due-abc-T-1');
    expect(jobId('due', 'abc', 'T-1')).toBe(jobId('due', 'abc', 'T-1'));
    expect(() => jobId('due:abc')).toThrow("holds ':'");
    expect(() => jobId('due', '')).toThrow('empty');
    expect(() => jobId(42)).toThrow('bare integer');
  });
});

describe('processorProblems', () => {
  const declared = defineQueues('applications', { 'applications-public-notices': ['close-public-notice'] }, { sweeps: ['public-notices'] });
  const sweep = { name: 'public-notices', where: 'Sweep.run' };

  it('finds nothing wrong when each job and sweep has exactly one', () => {
    expect(processorProblems(declared, [{ queue: 'applications-public-notices', job: 'close-public-notice', where: 'A.process' }], [sweep])).toEqual([]);
  });

  it('names the job that has no processor', () => {
    expect(processorProblems(declared, [], [sweep])).toEqual([expect.stringContaining('job close-public-notice on queue applications-public-notices has no processor')]);
  });

  it('names the job that has two processors, and where they are', () => {
    const two = [
      { queue: 'applications-public-notices', job: 'close-public-notice', where: 'A.process' },
      { queue: 'applications-public-notices', job: 'close-public-notice', where: 'B.process' },
    ];
    expect(processorProblems(declared, two, [sweep])).toEqual(['job close-public-notice on queue applications-public-notices has 2 processors: A.process, B.process']);
  });

  it('names a processor for a job or queue the service does not declare, and a sweep without a method', () => {
    const stray = [
      { queue: 'applications-public-notices', job: 'close-public-notice', where: 'A.process' },
      { queue: 'applications-public-notices', job: 'reopen', where: 'C.reopen' },
      { queue: 'applications-other', job: 'x', where: 'D.x' },
    ];
    expect(processorProblems(declared, stray, [])).toEqual([
      expect.stringContaining('C.reopen processes job reopen, which queue applications-public-notices does not declare'),
      expect.stringContaining('D.x processes job x on queue applications-other, which applications does not declare'),
      expect.stringContaining('daily sweep public-notices of applications has no method'),
    ]);
  });
});
