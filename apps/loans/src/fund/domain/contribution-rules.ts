import { DomainError, Role } from '@xingfu/kernel';
import { EntryKind, ledgerEntries, LedgerLine } from '../../domain/ledger';

export const CONTRIBUTION_SOURCES = ['foundation', 'local_match', 'donor'] as const;
export type ContributionSource = (typeof CONTRIBUTION_SOURCES)[number];
export const CONTRIBUTION_STAGES = ['committed', 'received'] as const;
export type ContributionStage = (typeof CONTRIBUTION_STAGES)[number];

/**
 * Who may record money for a fund: the foundation, whatever its source (its grant, a donor's
 * gift it passes on, the county's match it was told of); the county's project office only its
 * own local match. 403 with a code of its own, so the office knows it is the source, not the
 * project, it may not touch.
 */
export function assertMayRecordContribution(role: Role, source: ContributionSource): void {
  if (role === 'foundation') return;
  if (role === 'project_manager' && source === 'local_match') return;
  throw new DomainError('forbidden', 'contribution_source_not_allowed', `a ${role} may not record a ${source} contribution${role === 'project_manager' ? ' (only local_match)' : ''}`, {
    role,
    source,
    allowedSources: role === 'project_manager' ? ['local_match'] : [],
  });
}

/** The ledger entry a contribution books: a pledge is a memo pair, money received enters the fund's cash. */
export function contributionEntry(stage: ContributionStage, amountFen: number): { kind: EntryKind; lines: LedgerLine[] } {
  return stage === 'committed'
    ? { kind: 'contribution_committed', lines: ledgerEntries.contributionCommitted(amountFen) }
    : { kind: 'contribution_received', lines: ledgerEntries.contributionReceived(amountFen) };
}
