import { AuthUser } from '@xingfu/auth';
import { RegisterProjectDto } from './register-project.dto';

export class RegisterProjectCommand {
  constructor(
    readonly input: RegisterProjectDto,
    readonly user: AuthUser,
  ) {}
}
