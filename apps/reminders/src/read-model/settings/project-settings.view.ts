import { EntityManager } from 'typeorm';

export interface ProjectSettingsView {
  projectId: string;
  countyCode: string;
  followUpIntervalDays: number;
  /** The project's own texts by reminder kind; a kind not named here uses the default template. */
  templates: Record<string, string>;
  updatedAt: string;
}

export async function readProjectSettings(manager: EntityManager, projectId: string, lock = false): Promise<ProjectSettingsView | undefined> {
  const [row]: { project_id: string; county_code: string; follow_up_interval_days: number; templates: Record<string, string>; updated_at: Date }[] = await manager.query(
    `SELECT project_id, county_code, follow_up_interval_days, templates, updated_at FROM reminders.project_settings WHERE project_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [projectId],
  );
  return (
    row && {
      projectId: row.project_id,
      countyCode: row.county_code,
      followUpIntervalDays: row.follow_up_interval_days,
      templates: row.templates,
      updatedAt: row.updated_at.toISOString(),
    }
  );
}
