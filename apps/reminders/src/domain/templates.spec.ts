import { DEFAULT_TEMPLATES, REMINDER_KINDS, renderReminder, templateProblems } from './templates';

const facts = { amountFen: 123_450, dueDate: '2026-03-01', daysPastDue: 3, nameMasked: '张*梅', villageCode: '530102001001', partyName: '李*', seq: 2, loanId: 'L1', expectedOn: '2026-04-10', deadline: '2026-03-05' };

describe('renderReminder', () => {
  const sut = renderReminder;

  it('writes the mother a Chinese reminder with the amount in yuan and the date in Chinese', () => {
    expect(sut('instalment-mother', facts)).toBe('张*梅您好，您的第2期还款¥1,234.50的到期日是2026年3月1日，请按时还款。');
  });

  it('has a default for every kind, and every default renders with no unknown placeholder', () => {
    for (const kind of REMINDER_KINDS) {
      expect(DEFAULT_TEMPLATES[kind]).toBeTruthy();
      expect(sut(kind, facts)).not.toMatch(/\{\{|\}\}/);
    }
    expect(templateProblems(DEFAULT_TEMPLATES)).toEqual({});
  });

  it("uses a project's template for its kind instead of the default, and the defaults for the other kinds", () => {
    const overrides = { 'instalment-mother': '请于{{ dueDate }}前还款{{amount}}。' };
    expect(sut('instalment-mother', facts, overrides)).toBe('请于2026年3月1日前还款¥1,234.50。');
    expect(sut('instalment-officer', facts, overrides)).toBe(sut('instalment-officer', facts));
  });

  it('shows a dash for a fact the reminder does not carry rather than failing the send', () => {
    expect(sut('guarantee-demand', { partyName: '王*' })).toBe('王*您好，您担保的贷款已违约，请按担保协议代偿—。');
  });
});

describe('templateProblems', () => {
  const sut = templateProblems;

  it('accepts known kinds with known placeholders', () => {
    expect(sut({ 'instalment-mother': '{{name}}：{{amount}}，{{dueDate}}' })).toEqual({});
    expect(sut({})).toEqual({});
  });

  it('names an unknown placeholder, an unknown kind, a blank text and an unclosed brace by field', () => {
    expect(sut({ 'instalment-mother': '{{amout}} 到期' })).toEqual({ 'templates.instalment-mother': [expect.stringContaining('{{amout}}')] });
    expect(Object.keys(sut({ 'instalment-mom': '{{amount}}' }))).toEqual(['templates.instalment-mom']);
    expect(Object.keys(sut({ 'notice-officer': '  ' }))).toEqual(['templates.notice-officer']);
    expect(Object.keys(sut({ 'notice-officer': '{{village 结束' }))).toEqual(['templates.notice-officer']);
    expect(Object.keys(sut({ 'notice-officer': 'x'.repeat(501) }))).toEqual(['templates.notice-officer']);
  });

  it('refuses what is not an object of texts', () => {
    expect(sut(['{{amount}}'])).toEqual({ templates: [expect.any(String)] });
    expect(sut(null, 'settings.templates')).toEqual({ 'settings.templates': [expect.any(String)] });
    expect(Object.keys(sut({ 'instalment-mother': 42 }))).toEqual(['templates.instalment-mother']);
  });
});
