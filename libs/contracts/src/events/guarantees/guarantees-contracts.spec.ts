import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { payloadViolations } from '../../validate-payload';
import { RepaymentPosted } from '../loans/repayment-posted.v1';
import { GuaranteeEffective } from './guarantee-effective.v1';
import { GuaranteeInvoked } from './guarantee-invoked.v1';
import { GuaranteeReleased } from './guarantee-released.v1';

const invoked = () => ({
  guaranteeId: randomUUID(),
  applicationId: randomUUID(),
  loanId: randomUUID(),
  townshipCode: '231085100',
  invokedOn: '2027-12-01',
  overdueFen: 150000,
  parties: [{ role: 'household', partyName: '王*', liabilityFen: 150000, demandId: randomUUID(), demandedOn: '2027-12-01', channel: 'sms', phoneSealed: 'v1.a.b.c' }],
});

describe('guarantees contracts', () => {
  it('accept an invocation with each party’s liability, and name a party’s bad field', () => {
    expect(GuaranteeInvoked.producer).toBe('guarantees');
    expect(payloadViolations(GuaranteeInvoked, invoked())).toEqual([]);
    const bad = invoked();
    bad.parties[0].role = 'bank';
    expect(payloadViolations(GuaranteeInvoked, bad).map((v) => v.path)).toEqual(['parties.0.role']);
    expect(payloadViolations(GuaranteeInvoked, { ...invoked(), parties: [] }).map((v) => v.path)).toEqual(['parties']);
  });

  it('take effect with or without the household’s sealed phone (older events have none)', () => {
    const effective = { guaranteeId: randomUUID(), applicationId: randomUUID(), projectId: randomUUID(), townshipCode: '231085100', effectiveOn: '2027-01-10' };
    expect(payloadViolations(GuaranteeEffective, effective)).toEqual([]);
    expect(payloadViolations(GuaranteeEffective, { ...effective, householdPhoneSealed: 'v1.a.b.c' })).toEqual([]);
    expect(payloadViolations(GuaranteeEffective, { ...effective, householdPhoneSealed: 13912345678 }).map((v) => v.path)).toEqual(['householdPhoneSealed']);
  });

  it('release with an outcome of released or loss only', () => {
    const released = { guaranteeId: randomUUID(), applicationId: randomUUID(), loanId: randomUUID(), townshipCode: '231085100', outcome: 'released', releasedOn: '2027-12-01', paidByGuarantorsFen: 0 };
    expect(payloadViolations(GuaranteeReleased, released)).toEqual([]);
    expect(payloadViolations(GuaranteeReleased, { ...released, outcome: 'forgiven' }).map((v) => v.path)).toEqual(['outcome']);
  });

  it('a guarantor’s repayment names the party’s role; the mother’s needs none', () => {
    const posted = { repaymentId: randomUUID(), loanId: randomUUID(), applicationId: randomUUID(), projectId: randomUUID(), postedOn: '2027-12-02', amountFen: 50000, feeFen: 0, principalFen: 50000, outstandingPrincipalFen: 100000, source: 'guarantor', guarantorRole: 'village' };
    expect(payloadViolations(RepaymentPosted, posted)).toEqual([]);
    const { guarantorRole: _dropped, ...withoutRole } = posted;
    expect(payloadViolations(RepaymentPosted, withoutRole).map((v) => v.path)).toEqual(['guarantorRole']);
    expect(payloadViolations(RepaymentPosted, { ...withoutRole, source: 'cash' })).toEqual([]);
  });
});
