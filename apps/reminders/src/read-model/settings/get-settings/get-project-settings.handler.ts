import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ProjectSettingsView, readProjectSettings } from '../project-settings.view';
import { GetProjectSettingsQuery } from './get-project-settings.query';

@QueryHandler(GetProjectSettingsQuery)
export class GetProjectSettingsHandler implements IQueryHandler<GetProjectSettingsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ projectId }: GetProjectSettingsQuery): Promise<ProjectSettingsView> {
    // The scope guard found the row.
    return (await readProjectSettings(this.dataSource.manager, projectId))!;
  }
}
