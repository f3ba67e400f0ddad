import { GuaranteeState, GuaranteeStepError, isPastDeadline, nextState, openedState, PARTY_ROLES, PartyRole } from './guarantee-status';

const named = (): GuaranteeState => nextState(openedState(), 'name', 'household').state;
const permutations = <T>(xs: readonly T[]): T[][] => (xs.length <= 1 ? [[...xs]] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
const signAll = (state: GuaranteeState, order: readonly PartyRole[] = PARTY_ROLES) => order.reduce((s, role) => nextState(s, 'sign', role).state, state);
const refused = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof GuaranteeStepError) return error;
    throw error;
  }
  throw new Error('expected the step to be refused');
};

describe('the guarantee state machine', () => {
  it.each(permutations(PARTY_ROLES))('takes effect on the last of three signatures, in the order %s, %s, %s', (...order) => {
    let sut = named();
    order.forEach((role, i) => {
      const { state, effective } = nextState(sut, 'sign', role);
      expect(effective).toBe(i === 2);
      expect(state.status).toBe(i === 2 ? 'effective' : 'open');
      sut = state;
    });
    expect(sut.parties).toEqual({ township: 'signed', village: 'signed', household: 'signed' });
  });

  it('does not let an unnamed household sign, and offers naming it', () => {
    const error = refused(() => nextState(openedState(), 'sign', 'household'));
    expect(error.allowed).toContain('name:household');
    expect(error.allowed).not.toContain('sign:household');
  });

  it('blocks a declined party until it is replaced, then lets the replacement sign', () => {
    let sut = nextState(named(), 'sign', 'township').state;
    sut = nextState(sut, 'decline', 'household').state;
    sut = nextState(sut, 'sign', 'village').state;
    expect(sut.status).toBe('open');
    const error = refused(() => nextState(sut, 'sign', 'household'));
    expect(error.allowed).toEqual(['replace:household']);
    sut = nextState(sut, 'replace', 'household').state;
    const { state, effective } = nextState(sut, 'sign', 'household');
    expect(effective).toBe(true);
    expect(state.status).toBe('effective');
  });

  it('refuses to sign twice or to replace a party that signed', () => {
    const sut = nextState(named(), 'sign', 'village').state;
    refused(() => nextState(sut, 'sign', 'village'));
    refused(() => nextState(sut, 'replace', 'village'));
    refused(() => nextState(sut, 'decline', 'village'));
  });

  it('lapses an open guarantee past its deadline, reopens it once, and keeps the signatures', () => {
    const sut = nextState(named(), 'sign', 'township').state;
    expect(isPastDeadline(sut, '2026-12-06', '2026-12-06')).toBe(false);
    expect(isPastDeadline(sut, '2026-12-06', '2026-12-07')).toBe(true);
    const lapsed = nextState(sut, 'lapse').state;
    expect(lapsed.status).toBe('lapsed');
    expect(refused(() => nextState(lapsed, 'sign', 'village')).allowed).toEqual(['reopen']);
    const reopened = nextState(lapsed, 'reopen').state;
    expect(reopened).toMatchObject({ status: 'open', reopened: true, parties: { township: 'signed' } });
    const again = nextState(reopened, 'lapse').state;
    expect(refused(() => nextState(again, 'reopen')).allowed).toEqual([]);
  });

  it('never lapses an effective guarantee', () => {
    const sut = signAll(named());
    expect(isPastDeadline(sut, '2026-12-06', '2027-01-01')).toBe(false);
    refused(() => nextState(sut, 'lapse'));
  });

  it('is invoked only when effective, and then released on repayment or closed as a loss', () => {
    refused(() => nextState(named(), 'invoke'));
    const effective = signAll(named());
    const invoked = nextState(effective, 'invoke').state;
    expect(invoked.status).toBe('invoked');
    refused(() => nextState(invoked, 'invoke'));
    expect(nextState(invoked, 'release').state.status).toBe('released');
    expect(nextState(invoked, 'write-off').state.status).toBe('loss');
    expect(nextState(effective, 'release').state.status).toBe('released');
  });

  it('ends for good: nothing follows a release or a loss', () => {
    const released = nextState(signAll(named()), 'release').state;
    const loss = nextState(nextState(signAll(named()), 'invoke').state, 'write-off').state;
    for (const sut of [released, loss]) {
      for (const step of ['invoke', 'release', 'write-off', 'reopen', 'lapse'] as const) refused(() => nextState(sut, step));
      expect(refused(() => nextState(sut, 'sign', 'household')).allowed).toEqual([]);
    }
  });
});
