import { Command, Plain } from '@xingfu/kit';
import type { CreateUserDto } from './create-user.dto';

/** The new user's fields, as plain data, and the admin's context. */
export class CreateUserCommand extends Command<Plain<CreateUserDto>> {}
