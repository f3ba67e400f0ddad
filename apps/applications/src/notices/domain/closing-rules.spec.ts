import { closeRefusal } from './closing-rules';

describe('when a public notice may close', () => {
  const notice = { id: 'n1', status: 'open' as const, endDate: '2026-11-16' };
  const afterEnd = new Date('2026-11-16T16:00:00Z');
  const lastDay = new Date('2026-11-16T15:59:59Z');

  it('closes an open notice after its last day with no objection left', () => {
    expect(closeRefusal(notice, afterEnd, '2026-11-17', [])).toBeNull();
  });

  it('refuses during the last day, naming the end date and today', () => {
    expect(closeRefusal(notice, lastDay, '2026-11-16', [])).toEqual({
      code: 'notice_not_ended',
      message: expect.any(String),
      details: { noticeId: 'n1', endDate: '2026-11-16', today: '2026-11-16' },
    });
  });

  it('refuses while an objection is open, naming it', () => {
    expect(closeRefusal(notice, afterEnd, '2026-11-17', ['o2', 'o1'])).toMatchObject({ code: 'unresolved_objections', details: { objectionIds: ['o1', 'o2'] } });
  });

  it('never closes a notice twice, whatever else holds', () => {
    expect(closeRefusal({ ...notice, status: 'closed' }, lastDay, '2026-11-16', ['o1'])?.code).toBe('notice_closed');
  });

  it('says the notice has not ended before it says objections are open', () => {
    expect(closeRefusal(notice, lastDay, '2026-11-16', ['o1'])?.code).toBe('notice_not_ended');
  });
});
