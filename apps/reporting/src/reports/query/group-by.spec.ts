import { grouping, totalRow } from './group-by';

describe('grouping', () => {
  it('selects each dim under an alias of its own, shows no partner and no round as no value, and names the JSON keys', () => {
    const sut = grouping(['township', 'partner', 'round'], 'c');
    expect(sut.select).toEqual(['c.township_code AS d0', "NULLIF(c.partner_id, '') AS d1", 'NULLIF(c.round, 0) AS d2']);
    expect(sut.groupBy).toEqual(['c.township_code', 'c.partner_id', 'c.round']);
    expect(sut.read({ d0: '231085100', d1: null, d2: 2 })).toEqual({ townshipCode: '231085100', partnerId: null, round: 2 });
    expect(sut.columns.map((c) => [c.key, c.header, c.kind])).toEqual([
      ['townshipCode', '乡镇', 'text'],
      ['partnerId', '合作企业', 'text'],
      ['round', '批次', 'count'],
    ]);
  });

  it('takes another expression for a dim where a report means something else by it', () => {
    expect(grouping(['month'], 'd', { month: `to_char(d.due_date, 'YYYY-MM')` }).select).toEqual([`to_char(d.due_date, 'YYYY-MM') AS d0`]);
  });
});

describe('totalRow', () => {
  it('labels the first dim 合计 and leaves the others empty', () => {
    expect(totalRow(['county', 'month'], 'figures')).toEqual({ dims: { countyCode: '合计', month: null }, figures: 'figures' });
    expect(totalRow([], 'figures')).toEqual({ dims: {}, figures: 'figures' });
  });
});
