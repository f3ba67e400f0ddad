import { channelFor } from './due-channel';
import { anchorDatesFor, offsetLabel, offsetOn, REMINDER_KINDS, reminderIdParts } from './due-offsets';

describe('the offsets of each reminder kind', () => {
  it('writes offsets as the ids do: T-7, T0, T+15', () => {
    expect([-7, -1, 0, 3, 15].map(offsetLabel)).toEqual(['T-7', 'T-1', 'T0', 'T+3', 'T+15']);
  });

  it('follows the issue: the mother at T-7, T-1, T0, T+3; the officer at T+3, T+15; guarantors at T+15; the manager at T+30', () => {
    expect(REMINDER_KINDS['instalment-mother'].offsets).toEqual([-7, -1, 0, 3]);
    expect(REMINDER_KINDS['instalment-officer'].offsets).toEqual([3, 15]);
    expect(REMINDER_KINDS['instalment-guarantor'].offsets).toEqual([15]);
    expect(REMINDER_KINDS['instalment-manager'].offsets).toEqual([30]);
  });

  it('finds the offset that lands a subject date on the asked date, across a month end, and none for a date that is no offset', () => {
    const sut = offsetOn;
    expect(sut('instalment-mother', '2027-03-01', '2027-02-22')).toBe(-7);
    expect(sut('instalment-mother', '2027-03-01', '2027-03-04')).toBe(3);
    expect(sut('instalment-mother', '2027-03-01', '2027-03-02')).toBeUndefined();
    expect(sut('instalment-officer', '2027-03-01', '2027-03-01')).toBeUndefined();
  });

  it('names the subject dates a business date reaches, once each, for the query', () => {
    const sut = anchorDatesFor;
    expect(sut('2027-03-10', ['instalment-mother', 'instalment-officer', 'instalment-guarantor', 'instalment-manager'])).toEqual([
      '2027-03-17', '2027-03-11', '2027-03-10', '2027-03-07', '2027-02-23', '2027-02-08',
    ]);
    expect(sut('2027-03-10', ['guarantee-deadline-officer'])).toEqual(['2027-03-13', '2027-03-11']);
  });
});

describe('reminderIdParts', () => {
  const sut = reminderIdParts;

  it('is kind, subject and offset, with the party for an instalment’s guarantors (one subject, three parties)', () => {
    expect(sut({ kind: 'instalment-mother', subjectId: 'L.v1.s3', offset: 'T-7' })).toEqual(['instalment-mother', 'L.v1.s3', 'T-7']);
    expect(sut({ kind: 'instalment-guarantor', subjectId: 'L.v1.s3', offset: 'T+15', party: 'village' })).toEqual(['instalment-guarantor', 'L.v1.s3', 'village', 'T+15']);
    expect(sut({ kind: 'guarantee-demand', subjectId: 'D', offset: 'T0', party: 'household' })).toEqual(['guarantee-demand', 'D', 'T0']);
  });
});

describe('channelFor', () => {
  const sut = channelFor;

  it('texts a recipient with a phone when a gateway is configured, logs otherwise, and gives everyone else a task', () => {
    expect(sut({ hasPhone: true }, true)).toBe('sms');
    expect(sut({ hasPhone: true }, false)).toBe('log');
    expect(sut({ hasPhone: false }, true)).toBe('task');
    expect(sut({ hasPhone: false }, false)).toBe('task');
  });
});
