import { collectProblems, FieldProblems } from '@xingfu/kernel';
import { REMINDER_KINDS as KIND_TABLE, ReminderFacts, ReminderKind } from './due-offsets';
import { formatChineseDate, formatYuan } from './format';

export type { ReminderFacts, ReminderKind };

/** The names of every kind of reminder (from the one table of kinds, due-offsets): one default template each. */
export const REMINDER_KINDS = Object.keys(KIND_TABLE) as ReminderKind[];

export function isReminderKind(value: unknown): value is ReminderKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(KIND_TABLE, value);
}

const date = (value: unknown) => (typeof value === 'string' ? formatChineseDate(value) : undefined);
const text = (value: unknown) => (value === undefined || value === null ? undefined : String(value));

/** Each placeholder and how it reads its fact. A template naming any other fails at settings time. */
const PLACEHOLDERS: Record<string, (facts: ReminderFacts) => string | undefined> = {
  amount: (f) => (typeof f.amountFen === 'number' ? formatYuan(f.amountFen) : undefined),
  dueDate: (f) => date(f.dueDate),
  daysPastDue: (f) => text(f.daysPastDue),
  name: (f) => text(f.nameMasked),
  village: (f) => text(f.villageCode),
  partyName: (f) => text(f.partyName),
  expectedOn: (f) => date(f.expectedOn),
  deadline: (f) => date(f.deadline),
  loanId: (f) => text(f.loanId),
  seq: (f) => text(f.seq),
};
export const TEMPLATE_PLACEHOLDERS = Object.keys(PLACEHOLDERS);

/** What stands for a fact the reminder does not carry: visible, never a crash of the send. */
const MISSING = '—';
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const MAX_TEMPLATE_LENGTH = 500;

export const DEFAULT_TEMPLATES: Record<ReminderKind, string> = {
  'instalment-mother': '{{name}}您好，您的第{{seq}}期还款{{amount}}的到期日是{{dueDate}}，请按时还款。',
  'instalment-officer': '{{name}}（{{village}}）第{{seq}}期还款{{amount}}（到期日{{dueDate}}）已逾期{{daysPastDue}}天，请上门了解情况。',
  'instalment-guarantor': '{{partyName}}您好，您担保的贷款第{{seq}}期还款{{amount}}（到期日{{dueDate}}）已逾期{{daysPastDue}}天，请协助督促还款。',
  'instalment-manager': '贷款{{loanId}}第{{seq}}期还款{{amount}}（到期日{{dueDate}}）已逾期{{daysPastDue}}天，请项目办跟进。',
  'loan-defaulted-manager': '贷款{{loanId}}（{{name}}）已违约，请项目办启动担保追偿。',
  'guarantee-demand': '{{partyName}}您好，您担保的贷款已违约，请按担保协议代偿{{amount}}。',
  'buyback-partner': '{{name}}（{{village}}）的回收预计于{{expectedOn}}，请提前安排回收。',
  'notice-officer': '{{village}}的公示将于{{deadline}}结束，请及时处理异议并结束公示。',
  'guarantee-deadline-officer': '{{name}}（{{village}}）的担保签署截止日为{{deadline}}，请及时办理。',
  'follow-up-officer': '{{name}}（{{village}}）应于{{dueDate}}接受回访，请安排上门。',
};

/** A project's templates (project_settings.templates): a kind's override replaces its default. */
export type TemplateOverrides = Partial<Record<string, string>>;

/** The text of one reminder: the project's template for the kind if it has one, else the default. */
export function renderReminder(kind: ReminderKind, facts: ReminderFacts, overrides: TemplateOverrides = {}): string {
  const template = overrides[kind] ?? DEFAULT_TEMPLATES[kind];
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const read = PLACEHOLDERS[name];
    // Validated at settings time; an unknown name here is a bug in a default, so it shows.
    if (!read) throw new Error(`template of ${kind} names an unknown placeholder ${whole}`);
    return read(facts) ?? MISSING;
  });
}

/**
 * What is wrong with a project's templates, by field (`templates.<kind>`): an unknown kind, a
 * blank or overlong text, an unknown placeholder, a `{{` left open. Empty when all is well.
 * For the settings route, so a typo fails when it is saved, not on a mother's phone.
 */
export function templateProblems(templates: unknown, field = 'templates'): FieldProblems {
  const { problems, add } = collectProblems();
  if (typeof templates !== 'object' || templates === null || Array.isArray(templates)) {
    add(field, 'must be an object of template texts by reminder kind');
    return problems;
  }
  for (const [kind, template] of Object.entries(templates)) {
    const at = `${field}.${kind}`;
    if (!isReminderKind(kind)) add(at, `is no reminder kind (one of ${REMINDER_KINDS.join(', ')})`);
    if (typeof template !== 'string' || template.trim() === '') {
      add(at, 'must be a non-blank text');
      continue;
    }
    if (template.length > MAX_TEMPLATE_LENGTH) add(at, `must be at most ${MAX_TEMPLATE_LENGTH} characters`);
    for (const [, name] of template.matchAll(PLACEHOLDER)) {
      if (!(name in PLACEHOLDERS)) add(at, `names an unknown placeholder {{${name}}} (known: ${TEMPLATE_PLACEHOLDERS.join(', ')})`);
    }
    if (/\{\{|\}\}/.test(template.replace(PLACEHOLDER, ''))) add(at, 'has a {{ or }} that does not close a placeholder');
  }
  return problems;
}
