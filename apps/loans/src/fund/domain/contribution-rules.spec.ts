import { DomainError } from '@xingfu/kernel';
import { assertMayRecordContribution, contributionEntry } from './contribution-rules';

describe('assertMayRecordContribution', () => {
  it.each(['foundation', 'local_match', 'donor'] as const)('lets the foundation record a %s contribution', (source) => {
    expect(() => assertMayRecordContribution('foundation', source)).not.toThrow();
  });

  it('lets the county project office record its local match', () => {
    expect(() => assertMayRecordContribution('project_manager', 'local_match')).not.toThrow();
  });

  it.each(['foundation', 'donor'] as const)('does not let the county project office record a %s contribution', (source) => {
    expect(() => assertMayRecordContribution('project_manager', source)).toThrow(expect.objectContaining({ kind: 'forbidden', code: 'contribution_source_not_allowed' }));
  });

  it.each(['officer', 'partner', 'admin'] as const)('does not let a %s record any contribution', (role) => {
    expect(() => assertMayRecordContribution(role, 'local_match')).toThrow(DomainError);
  });
});

describe('contributionEntry', () => {
  it('books a pledge on the memo accounts, out of the fund’s cash', () => {
    expect(contributionEntry('committed', 500)).toEqual({
      kind: 'contribution_committed',
      lines: [
        { account: 'pledges_receivable', amountFen: 500 },
        { account: 'pledged_contributions', amountFen: -500 },
      ],
    });
  });

  it('books money received into the fund’s cash', () => {
    expect(contributionEntry('received', 500)).toEqual({
      kind: 'contribution_received',
      lines: [
        { account: 'fund_cash', amountFen: 500 },
        { account: 'contributions', amountFen: -500 },
      ],
    });
  });
});
