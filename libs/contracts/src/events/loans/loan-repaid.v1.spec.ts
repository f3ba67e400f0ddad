import { randomUUID } from 'node:crypto';
import { payloadViolations } from '../../validate-payload';
import { LoanRepaid } from './loan-repaid.v1';

const payload = () => ({ loanId: randomUUID(), applicationId: randomUUID(), projectId: randomUUID(), repaidOn: '2027-11-20', principalFen: 300000 });

describe('LoanRepaid v1', () => {
  it('is produced by loans and accepts a payload that keeps the contract', () => {
    expect(LoanRepaid.producer).toBe('loans');
    expect(payloadViolations(LoanRepaid, payload())).toEqual([]);
  });

  it('refuses a missing application, fractional or zero principal, an impossible date and unknown fields', () => {
    const paths = (p: object) => payloadViolations(LoanRepaid, p).map((v) => v.path);
    const { applicationId: _dropped, ...withoutApplication } = payload();
    expect(paths(withoutApplication)).toEqual(['applicationId']);
    expect(paths({ ...payload(), principalFen: 10.5 })).toEqual(['principalFen']);
    expect(paths({ ...payload(), principalFen: 0 })).toEqual(['principalFen']);
    expect(paths({ ...payload(), repaidOn: '2027-02-30' })).toEqual(['repaidOn']);
    expect(paths({ ...payload(), idNumber: '230103199001011234' })).toEqual(['idNumber']);
  });
});
