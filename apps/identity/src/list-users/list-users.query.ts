import { Query } from '@nestjs/cqrs';
import { UserViewDto } from '../shared/user-view.dto';

export class ListUsersQuery extends Query<UserViewDto[]> {}
