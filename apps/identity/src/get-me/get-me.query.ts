import { Query } from '@nestjs/cqrs';
import { AuthUser } from '@xingfu/auth';
import { UserViewDto } from '../shared/user-view.dto';

export class GetMeQuery extends Query<UserViewDto> {
  constructor(readonly user: AuthUser) {
    super();
  }
}
