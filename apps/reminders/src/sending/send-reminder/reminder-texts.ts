import { EntityManager } from 'typeorm';
import { isReminderKind, ReminderFacts, renderReminder } from '../../domain/templates';
import { projectTemplates, ReminderRow } from './reminder-rows';

/** The text of one reminder, in its project's template for the kind if the project has one. */
export async function renderedText(manager: EntityManager, row: Pick<ReminderRow, 'kind' | 'facts' | 'project_id'>): Promise<string> {
  if (!isReminderKind(row.kind)) return `提醒（${row.kind}）`;
  return renderReminder(row.kind, row.facts as ReminderFacts, await projectTemplates(manager, row.project_id));
}
