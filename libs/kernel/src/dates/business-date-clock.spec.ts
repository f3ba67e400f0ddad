import { BusinessDateClock, datesAfter } from './business-date-clock';

describe('BusinessDateClock', () => {
  const wall = () => new Date('2026-12-01T03:30:00Z'); // 11:30 Beijing, 2026-12-01

  it('follows the Asia/Shanghai calendar in system mode and refuses to be set', () => {
    const sut = new BusinessDateClock('system', undefined, wall);
    expect(sut.today()).toBe('2026-12-01');
    expect(() => sut.setDate('2026-12-05')).toThrow('not managed');
  });

  it('keeps the managed date and the wall clock’s time of day', () => {
    const sut = new BusinessDateClock('managed', '2026-11-20', wall);
    expect(sut.today()).toBe('2026-11-20');
    expect(sut.now().toISOString()).toBe('2026-11-20T03:30:00.000Z');
    sut.setDate('2026-11-28');
    expect(sut.today()).toBe('2026-11-28');
    expect(() => sut.setDate('2026-02-30')).toThrow('YYYY-MM-DD');
  });
});

describe('datesAfter', () => {
  it('lists each day after the first up to the last, in order', () => {
    expect(datesAfter('2026-11-28', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(datesAfter('2026-12-02', '2026-12-02')).toEqual([]);
    expect(datesAfter('2026-12-03', '2026-12-02')).toEqual([]);
  });
});
