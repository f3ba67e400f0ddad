import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { NotFoundError } from '@xingfu/common';
import { Repository } from 'typeorm';
import { UserEntity } from '../shared/user.entity';
import { toUserView, UserViewDto } from '../shared/user-view.dto';
import { isUuid } from '@xingfu/kernel';
import { GetMeQuery } from './get-me.query';

@QueryHandler(GetMeQuery)
export class GetMeHandler implements IQueryHandler<GetMeQuery> {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  /**
   * The row the token names, as it is now (the token's claims may be up to a TTL old).
   * A token whose user identity does not know (minted elsewhere) gets a 404.
   */
  async execute({ user }: GetMeQuery): Promise<UserViewDto> {
    const row = isUuid(user.id) ? await this.users.findOneBy({ id: user.id }) : null;
    if (!row) throw new NotFoundError('user', user.id);
    return toUserView(row);
  }
}
