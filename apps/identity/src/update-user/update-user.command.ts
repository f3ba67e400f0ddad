import { Command, Plain } from '@xingfu/kit';
import type { UpdateUserDto } from './update-user.dto';

export class UpdateUserCommand extends Command<{ userId: string } & Plain<UpdateUserDto>> {}
