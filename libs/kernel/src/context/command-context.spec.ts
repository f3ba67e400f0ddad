import { actorLabel, actorRole, userOf } from './actor';
import { actingUser, contextFromEvent, systemContext, userContext } from './command-context';

const officer = { id: 'u-1', username: 'li', role: 'officer' as const, townships: ['231085100'], counties: [], partnerId: null };

describe('command context', () => {
  it('makes work caused by an event carry its correlation id and name it as the cause', () => {
    const sut = contextFromEvent({ eventId: 'e-1', type: 'LoanRepaid', correlationId: 'flow-7' });
    expect(sut).toEqual({ actor: { kind: 'event', eventId: 'e-1', eventType: 'LoanRepaid' }, correlationId: 'flow-7', causationId: 'e-1' });
    expect(actorLabel(sut.actor)).toBe('event:LoanRepaid:e-1');
    expect(actorRole(sut.actor)).toBe('event');
    expect(userOf(sut.actor)).toBeNull();
  });

  it('starts a flow for a user or a system process with no cause', () => {
    const byUser = userContext(officer, 'flow-1');
    expect(byUser.causationId).toBeNull();
    expect(actorLabel(byUser.actor)).toBe('user:u-1');
    expect(actorRole(byUser.actor)).toBe('officer');
    expect(actingUser(byUser)).toBe(officer);
    const bySweep = systemContext('public-notice-sweep', 'flow-2');
    expect(actorLabel(bySweep.actor)).toBe('system:public-notice-sweep');
    expect(userOf(bySweep.actor)).toBeNull();
  });

  it('refuses a user-only command issued by the system: a bug, not a request to serve', () => {
    expect(() => actingUser(systemContext('sweep', 'flow-3'))).toThrow(/needs a user/);
  });
});
