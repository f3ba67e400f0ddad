import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserEntity } from '../shared/user.entity';
import { toUserView, UserViewDto } from '../shared/user-view.dto';
import { ListUsersQuery } from './list-users.query';

@QueryHandler(ListUsersQuery)
export class ListUsersHandler implements IQueryHandler<ListUsersQuery> {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  // A foundation's staff is counted in hundreds, not millions: no paging needed.
  async execute(): Promise<UserViewDto[]> {
    const users = await this.users.find({ order: { username: 'ASC' } });
    return users.map(toUserView);
  }
}
