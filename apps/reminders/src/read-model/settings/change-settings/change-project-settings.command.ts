import { Command, Plain } from '@xingfu/kit';
import type { ChangeProjectSettingsDto } from './change-project-settings.dto';

export class ChangeProjectSettingsCommand extends Command<{ projectId: string } & Plain<ChangeProjectSettingsDto>> {}
