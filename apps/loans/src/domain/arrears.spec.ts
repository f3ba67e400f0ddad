import { ARREARS_BUCKETS as CONTRACT_BUCKETS, OVERDUE_BUCKETS } from '@xingfu/contracts';
import { addDays } from '@xingfu/kernel';
import { ARREARS_BUCKETS, ArrearsBucket, bucketDays, bucketEntered, bucketOf, daysPastDue, DEFAULT_THRESHOLD_DAYS, isInDefault, nextBucketDate, nextUnpausedDate, standingOn, unpausedDaysAfter } from './arrears';

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

  it('gives a loan its standing on the date from its oldest unpaid due date, computed, not stored', () => {
    expect(standingOn(null, '2027-03-10', 0)).toEqual({ daysPastDue: 0, bucket: 'current' });
    expect(standingOn('2027-03-10', '2027-03-10', 0)).toEqual({ daysPastDue: 0, bucket: 'current' });
    expect(standingOn('2027-03-01', '2027-04-05', 0)).toEqual({ daysPastDue: 35, bucket: '31-60' });
    expect(standingOn('2027-03-01', '2027-04-05', 0, [{ from: '2027-03-11', to: '2027-03-30' }])).toEqual({ daysPastDue: 15, bucket: '1-30' });
    expect(standingOn('2027-03-01', '2027-04-05', 40)).toEqual({ daysPastDue: 0, bucket: 'current' });
  });

  it('gives each bucket its days for a filter, from the same floors', () => {
    expect(ARREARS_BUCKETS.map((b) => [b, bucketDays(b)])).toEqual([
      ['current', { min: 0, max: 0 }],
      ['1-30', { min: 1, max: 30 }],
      ['31-60', { min: 31, max: 60 }],
      ['61-90', { min: 61, max: 90 }],
      ['90+', { min: 91, max: null }],
    ]);
    for (const days of [0, 1, 30, 31, 60, 61, 90, 91, 400]) {
      const { min, max } = bucketDays(bucketOf(days));
      expect(days >= min && (max === null || days <= max)).toBe(true);
    }
  });

  it('names the next date an instalment enters another bucket: the first day it would, with pauses and grace', () => {
    expect(nextBucketDate('2027-03-01', '2027-02-20', 0)).toBe('2027-03-02');
    expect(nextBucketDate('2027-03-01', '2027-03-02', 0)).toBe('2027-04-01'); // 31 days after 1 March
    expect(nextBucketDate('2027-03-01', '2027-05-30', 0)).toBe('2027-05-31'); // 90 → 91
    expect(nextBucketDate('2027-03-01', '2027-05-31', 0)).toBeNull(); // 90+: nothing left
    // A 10-day pause puts every later floor 10 days on; a grace of 5 holds the first one back.
    expect(nextBucketDate('2027-03-01', '2027-03-02', 0, [{ from: '2027-03-10', to: '2027-03-19' }])).toBe('2027-04-11');
    expect(nextBucketDate('2027-03-01', '2027-03-01', 5)).toBe('2027-03-07');
    expect(nextBucketDate('2027-03-01', '2027-03-01', 45)).toBe('2027-04-16'); // 46 days: enters 31–60 at once
  });

  it('changes bucket on no date before the one it names (a day-by-day walk agrees)', () => {
    const pauses = [{ from: '2027-03-20', to: '2027-04-04' }, { from: '2027-04-01', to: '2027-04-10' }, { from: '2027-06-01', to: '2027-06-01' }];
    for (const grace of [0, 3, 35]) {
      let asOf = '2027-02-25';
      const bucket = (d: string): ArrearsBucket => bucketOf(daysPastDue('2027-03-01', d, grace, pauses));
      for (let next = nextBucketDate('2027-03-01', asOf, grace, pauses); next; next = nextBucketDate('2027-03-01', asOf, grace, pauses)) {
        for (let d = addDays(asOf, 1); d < next; d = addDays(d, 1)) expect([d, bucket(d)]).toEqual([d, bucket(asOf)]);
        expect(bucket(next)).not.toBe(bucket(asOf));
        asOf = next;
      }
      expect(bucket(asOf)).toBe('90+');
    }
  });

  it('names the next unpaused day, across pauses that touch', () => {
    expect(nextUnpausedDate('2027-03-01')).toBe('2027-03-02');
    expect(nextUnpausedDate('2027-03-01', [{ from: '2027-03-02', to: '2027-03-05' }, { from: '2027-03-06', to: '2027-03-08' }])).toBe('2027-03-09');
  });
});
