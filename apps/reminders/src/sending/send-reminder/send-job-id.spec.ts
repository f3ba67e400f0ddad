import { retryJobIdOf, sendJobIdOf } from './send-job-id';

describe('the id of a reminder’s send job', () => {
  const sut = sendJobIdOf;

  it('is the reminder id until an admin retries it', () => {
    expect(sut({ id: 'instalment-mother-x.v1.s1-T0', status: 'scheduled', attempts: 0 })).toBe('instalment-mother-x.v1.s1-T0');
    expect(sut({ id: 'r', status: 'sending', attempts: 3 })).toBe('r');
  });

  it('is the retry’s id once a failed reminder is scheduled again', () => {
    expect(sut({ id: 'r', status: 'scheduled', attempts: 5 })).toBe(retryJobIdOf('r', 5));
    expect(retryJobIdOf('r', 5)).toBe('r-retry-5');
  });
});
