import { AuthUser } from '@xingfu/auth';

export class ListProjectsQuery {
  constructor(readonly user: AuthUser) {}
}
