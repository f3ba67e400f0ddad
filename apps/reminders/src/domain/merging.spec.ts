import { mergeByPhone, MergeItem, mergedBody } from './merging';

const item = (id: string, phoneHash: string, dueOn: string, kind = 'instalment-mother'): MergeItem => ({ id, kind, dueOn, phoneHash, text: `text of ${id}` });

describe('merging per phone per day', () => {
  const sut = mergeByPhone;

  it('puts everything due to one phone that day in one message that lists each reminder', () => {
    const [message, ...rest] = sut([item('a', 'p1', '2026-03-01'), item('b', 'p1', '2026-03-01', 'guarantee-demand')], '2026-03-01');
    expect(rest).toEqual([]);
    expect(message.reminderIds).toEqual(['b', 'a']);
    expect(message.body).toBe('您有2条提醒：\n1. text of b\n2. text of a');
    expect(message).toMatchObject({ phoneHash: 'p1', sendDay: '2026-03-01' });
  });

  it('keeps two phones apart', () => {
    const messages = sut([item('a', 'p2', '2026-03-01'), item('b', 'p1', '2026-03-01')], '2026-03-01');
    expect(messages.map((m) => [m.phoneHash, m.reminderIds])).toEqual([
      ['p1', ['b']],
      ['p2', ['a']],
    ]);
  });

  it('takes a reminder left from an earlier day into today’s message, oldest first, and leaves a later one for its day', () => {
    const [message] = sut([item('today', 'p1', '2026-03-02'), item('yesterday', 'p1', '2026-03-01'), item('tomorrow', 'p1', '2026-03-03')], '2026-03-02');
    expect(message.reminderIds).toEqual(['yesterday', 'today']);
  });

  it('reads the same whatever order the reminders came in', () => {
    const items = [item('c', 'p1', '2026-03-01'), item('a', 'p1', '2026-03-01'), item('b', 'p1', '2026-02-28')];
    expect(sut([...items].reverse(), '2026-03-01')).toEqual(sut(items, '2026-03-01'));
    expect(sut(items, '2026-03-01')[0].reminderIds).toEqual(['b', 'a', 'c']);
  });

  it('sends a single reminder as its own text, with no list around it', () => {
    expect(mergedBody([item('a', 'p1', '2026-03-01')])).toBe('text of a');
  });
});
