import { dueCellsFor } from './due-cells';

describe('dueCellsFor', () => {
  const sut = dueCellsFor;

  it('reads the township rollup for a grouping within project, county, township, round and month', () => {
    expect(sut([])).toBe('reporting.due_township_cells');
    expect(sut(['month'])).toBe('reporting.due_township_cells');
    expect(sut(['project', 'county', 'township', 'round', 'month'])).toBe('reporting.due_township_cells');
  });

  it('reads the full due cells as soon as a finer dim is asked for', () => {
    for (const finer of ['village', 'industry', 'model', 'partner'] as const) expect(sut(['township', finer])).toBe('reporting.due_cells');
  });
});
