import { taskIdOf } from './task.channel';

describe('the id of a reminder’s task', () => {
  const sut = taskIdOf;

  it('is a UUID, the same for the same reminder and another for another', () => {
    const id = sut('instalment-officer-x.v1.s1-T+3');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sut('instalment-officer-x.v1.s1-T+3')).toBe(id);
    expect(sut('instalment-officer-x.v1.s1-T+15')).not.toBe(id);
  });
});
