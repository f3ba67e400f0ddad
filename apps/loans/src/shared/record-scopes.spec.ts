import { DataSource } from 'typeorm';
import { LoanScope } from './record-scopes';

describe('LoanScope', () => {
  const rows = new Map<string, { township_code: string; county_code: string }>();
  const query = jest.fn(async (_sql: string, [id]: string[]) => (rows.has(id) ? [rows.get(id)] : []));
  const scopes = new LoanScope({ query } as unknown as DataSource);

  it('reads a loan’s place once (it never changes) and a missing loan every time (it may open later)', async () => {
    rows.set('loan-1', { township_code: '522301101', county_code: '522301' });
    expect(await scopes.scopeOf('loan-1')).toEqual({ townshipCode: '522301101', countyCode: '522301' });
    expect(await scopes.scopeOf('loan-1')).toEqual({ townshipCode: '522301101', countyCode: '522301' });
    expect(query).toHaveBeenCalledTimes(1);

    expect(await scopes.scopeOf('loan-2')).toBeUndefined();
    rows.set('loan-2', { township_code: '522301102', county_code: '522301' });
    expect(await scopes.scopeOf('loan-2')).toEqual({ townshipCode: '522301102', countyCode: '522301' });
    expect(query).toHaveBeenCalledTimes(3);
  });
});
