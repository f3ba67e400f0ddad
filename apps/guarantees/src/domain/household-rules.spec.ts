import { HeldGuarantee, householdLimitRefusal, ownHouseholdRefusal } from './household-rules';

const held = (n: number): HeldGuarantee[] =>
  Array.from({ length: n }, (_, i) => ({ guaranteeId: `g${i}`, applicationId: `a${i}`, motherNameMasked: '张*梅', townshipCode: '231085100', villageCode: '231085100201', status: 'effective' }));

describe('the household limit', () => {
  it('lets a household stand behind loans up to the limit', () => {
    expect(householdLimitRefusal([], 2)).toBeUndefined();
    expect(householdLimitRefusal(held(1), 2)).toBeUndefined();
  });

  it('refuses the next one with the masked list of the guarantees it already stands behind', () => {
    const sut = householdLimitRefusal(held(2), 2);
    expect(sut).toMatchObject({ kind: 'conflict', code: 'household_limit', details: { limit: 2, guarantees: held(2) } });
    expect(JSON.stringify(sut!.details)).not.toMatch(/\d{17}[\dX]/);
  });

  it('follows the project’s own limit', () => {
    expect(householdLimitRefusal(held(1), 1)?.code).toBe('household_limit');
    expect(householdLimitRefusal(held(2), 3)).toBeUndefined();
  });
});

describe('the own-household refusal', () => {
  it('refuses the mother herself as the head, by her ID number’s hash', () => {
    const sut = ownHouseholdRefusal({ motherIdHash: 'h-mother', headIdHash: 'h-mother', relation: 'neighbour' });
    expect(sut).toMatchObject({ kind: 'invalid', code: 'own_household', details: { idNumber: expect.any(Array) } });
  });

  it('refuses the head of her own household: herself or her husband', () => {
    expect(ownHouseholdRefusal({ motherIdHash: 'h-mother', headIdHash: 'h-other', relation: 'spouse' })).toMatchObject({ code: 'own_household', details: { relation: expect.any(Array) } });
    expect(ownHouseholdRefusal({ motherIdHash: 'h-mother', headIdHash: 'h-other', relation: 'self' })?.code).toBe('own_household');
  });

  it('accepts another household, and still checks the relation when the mother’s hash is not known', () => {
    expect(ownHouseholdRefusal({ motherIdHash: 'h-mother', headIdHash: 'h-other', relation: 'neighbour' })).toBeUndefined();
    expect(ownHouseholdRefusal({ motherIdHash: null, headIdHash: 'h-other', relation: 'parent' })).toBeUndefined();
    expect(ownHouseholdRefusal({ motherIdHash: null, headIdHash: 'h-other', relation: 'spouse' })?.code).toBe('own_household');
  });
});
