import { demandsAge, demandsTooRecent } from './arrears-write-off';

describe('a write-off waits for the guarantors’ demands', () => {
  it('is too soon while the demands are under 30 days old, from the invocation', () => {
    const sut = (today: string) => demandsTooRecent(demandsAge('2027-06-01', '2027-05-31', today));
    expect(sut('2027-06-01')).toBe(true);
    expect(sut('2027-06-30')).toBe(true);
    expect(sut('2027-07-01')).toBe(false);
    expect(demandsAge('2027-06-01', null, '2027-06-10')).toEqual({ demandedOn: '2027-06-01', ageDays: 9, writeOffFrom: '2027-07-01' });
  });

  it('counts from the default date until the invocation is reported, and waits for nothing without either', () => {
    expect(demandsAge(null, '2027-05-31', '2027-06-10')).toMatchObject({ demandedOn: '2027-05-31', ageDays: 10 });
    expect(demandsTooRecent(demandsAge(null, null, '2027-06-10'))).toBe(false);
  });
});
