import { Module } from '@nestjs/common';
import { ApplicationsSharedModule } from '../shared/applications-shared.module';
import { ChangeProjectPolicyController } from './change-project-policy/change-project-policy.controller';
import { ChangeProjectPolicyHandler } from './change-project-policy/change-project-policy.handler';
import { GetProjectController } from './get-project/get-project.controller';
import { GetProjectHandler } from './get-project/get-project.handler';
import { ListProjectsController } from './list-projects/list-projects.controller';
import { ListProjectsHandler } from './list-projects/list-projects.handler';
import { RegisterProjectController } from './register-project/register-project.controller';
import { RegisterProjectHandler } from './register-project/register-project.handler';

const controllers = [RegisterProjectController, ListProjectsController, GetProjectController, ChangeProjectPolicyController];
const commandHandlers = [RegisterProjectHandler, ChangeProjectPolicyHandler];
const queryHandlers = [ListProjectsHandler, GetProjectHandler];

/** County projects and their versioned policies (the aid standard, loan policy and credit grades). */
@Module({ imports: [ApplicationsSharedModule], controllers, providers: [...commandHandlers, ...queryHandlers] })
export class ProjectsModule {}
