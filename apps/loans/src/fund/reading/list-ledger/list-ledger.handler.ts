import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { pageOf } from '@xingfu/common';
import { DataSource } from 'typeorm';
import { fundOfProject } from '../fund-of-project';
import { ListLedgerQuery } from './list-ledger.query';

interface EntryRow {
  id: string;
  seq: string;
  kind: string;
  entry_date: string;
  round: number | null;
  loan_id: string | null;
  source_id: string | null;
  corrects_entry_id: string | null;
  memo: string | null;
  created_by: string;
  created_at: Date;
}

/**
 * The fund's journal, newest first (by seq, the order entries were booked), each entry with
 * its lines. A page reads its entries by the (project_id, seq) index, then their lines by key.
 */
@QueryHandler(ListLedgerQuery)
export class ListLedgerHandler implements IQueryHandler<ListLedgerQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ projectId, page: query, user }: ListLedgerQuery) {
    const manager = this.dataSource.manager;
    await fundOfProject(manager, projectId, user);
    const { page, pageSize, skip } = pageOf(query);
    const [{ total }]: { total: string }[] = await manager.query(`SELECT count(*) AS total FROM loans.ledger_entries WHERE project_id = $1`, [projectId]);
    const entries: EntryRow[] = await manager.query(
      `SELECT id, seq, kind, entry_date::text AS entry_date, round, loan_id, source_id, corrects_entry_id, memo, created_by, created_at
         FROM loans.ledger_entries WHERE project_id = $1 ORDER BY seq DESC LIMIT $2 OFFSET $3`,
      [projectId, pageSize, skip],
    );
    const lines: { entry_id: string; line_no: number; account: string; amount_fen: string }[] = entries.length
      ? await manager.query(`SELECT entry_id, line_no, account, amount_fen FROM loans.ledger_lines WHERE entry_id = ANY($1::uuid[]) ORDER BY entry_id, line_no`, [entries.map((e) => e.id)])
      : [];
    const items = entries.map((e) => ({
      id: e.id,
      seq: Number(e.seq),
      kind: e.kind,
      date: e.entry_date,
      round: e.round,
      loanId: e.loan_id,
      sourceId: e.source_id,
      correctsEntryId: e.corrects_entry_id,
      memo: e.memo,
      createdBy: e.created_by,
      createdAt: e.created_at.toISOString(),
      lines: lines.filter((l) => l.entry_id === e.id).map((l) => ({ lineNo: l.line_no, account: l.account, amountFen: Number(l.amount_fen) })),
    }));
    return { items, page, pageSize, total: Number(total) };
  }
}
