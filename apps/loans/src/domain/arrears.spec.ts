import { ARREARS_BUCKETS as CONTRACT_BUCKETS, OVERDUE_BUCKETS } from '@xingfu/contracts';
import { ARREARS_BUCKETS, bucketEntered, bucketOf, daysPastDue, DEFAULT_THRESHOLD_DAYS, isInDefault, unpausedDaysAfter } from './arrears';

describe('arrears: days past due, buckets and default', () => {
  it('uses the buckets the events carry', () => {
    expect(ARREARS_BUCKETS).toEqual(CONTRACT_BUCKETS);
    expect(ARREARS_BUCKETS.slice(1)).toEqual(OVERDUE_BUCKETS);
  });

  it('counts the days after the due date: none on it, one the day after', () => {
    expect(daysPastDue('2027-03-01', '2027-02-20', 0)).toBe(0);
    expect(daysPastDue('2027-03-01', '2027-03-01', 0)).toBe(0);
    expect(daysPastDue('2027-03-01', '2027-03-02', 0)).toBe(1);
    expect(daysPastDue('2027-03-01', '2027-05-30', 0)).toBe(90);
  });

  it('puts 1–30, 31–60, 61–90 and more than 90 days in their buckets', () => {
    const sut = bucketOf;
    expect([0, 1, 30, 31, 60, 61, 90, 91, 400].map(sut)).toEqual(['current', '1-30', '1-30', '31-60', '31-60', '61-90', '61-90', '90+', '90+']);
  });

  it('does not count days inside a pause, from and to both included, and counts overlapping pauses once', () => {
    const pause = { from: '2027-03-11', to: '2027-03-20' };
    expect(daysPastDue('2027-03-01', '2027-03-31', 0, [pause])).toBe(20);
    // 2–10 March count (9 days); aged on each paused day, the instalment stays where it was.
    expect(daysPastDue('2027-03-01', '2027-03-10', 0, [pause])).toBe(9);
    expect(daysPastDue('2027-03-01', '2027-03-11', 0, [pause])).toBe(9);
    expect(daysPastDue('2027-03-01', '2027-03-15', 0, [pause])).toBe(9);
    expect(daysPastDue('2027-03-01', '2027-03-20', 0, [pause])).toBe(9);
    expect(daysPastDue('2027-03-01', '2027-03-21', 0, [pause])).toBe(10);
    expect(daysPastDue('2027-03-01', '2027-03-31', 0, [pause, { from: '2027-03-15', to: '2027-03-25' }, { from: '2027-03-20', to: '2027-03-20' }])).toBe(15);
  });

  it('ignores the part of a pause before the due date or after the day it is aged on', () => {
    expect(unpausedDaysAfter('2027-03-01', '2027-03-10', [{ from: '2027-02-01', to: '2027-03-03' }, { from: '2027-03-09', to: '2027-04-30' }])).toBe(5);
    expect(unpausedDaysAfter('2027-03-01', '2027-03-10', [{ from: '2027-01-01', to: '2027-03-01' }])).toBe(9);
  });

  it('gives the grace days before an instalment is overdue, then counts from the due date', () => {
    expect(daysPastDue('2027-03-01', '2027-03-06', 5)).toBe(0);
    expect(daysPastDue('2027-03-01', '2027-03-07', 5)).toBe(6);
    // A pause inside the grace extends it: paused days count for neither.
    expect(daysPastDue('2027-03-01', '2027-03-09', 5, [{ from: '2027-03-03', to: '2027-03-05' }])).toBe(0);
    expect(daysPastDue('2027-03-01', '2027-03-10', 5, [{ from: '2027-03-03', to: '2027-03-05' }])).toBe(6);
  });

  it('enters a bucket only going up, and only the one it stands in after a jump', () => {
    expect(bucketEntered('current', '1-30')).toBe('1-30');
    expect(bucketEntered('1-30', '1-30')).toBeUndefined();
    expect(bucketEntered('61-90', '90+')).toBe('90+');
    expect(bucketEntered('current', '61-90')).toBe('61-90');
    expect(bucketEntered('31-60', '1-30')).toBeUndefined();
    expect(bucketEntered('1-30', 'current')).toBeUndefined();
  });

  it('is in default past the project threshold, 90 days unless the project says otherwise', () => {
    expect(DEFAULT_THRESHOLD_DAYS).toBe(90);
    expect(isInDefault(90)).toBe(false);
    expect(isInDefault(91)).toBe(true);
    expect(isInDefault(60, 60)).toBe(false);
    expect(isInDefault(61, 60)).toBe(true);
  });
});
