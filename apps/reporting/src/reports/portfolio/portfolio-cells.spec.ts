import { cellsFor } from './portfolio-cells';

describe('cellsFor', () => {
  const sut = cellsFor;

  it('reads the township rollup for a grouping within project, county, township, round and month', () => {
    expect(sut([])).toBe('reporting.portfolio_township_cells');
    expect(sut(['township'])).toBe('reporting.portfolio_township_cells');
    expect(sut(['project', 'county', 'township', 'round', 'month'])).toBe('reporting.portfolio_township_cells');
  });

  it('reads the full cells as soon as a finer dim is asked for', () => {
    for (const finer of ['village', 'industry', 'model', 'partner'] as const) expect(sut(['township', finer])).toBe('reporting.portfolio_cells');
  });
});
