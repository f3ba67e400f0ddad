import { Command, Plain } from '@xingfu/kit';
import type { ChangeLoanSettingsDto } from './change-loan-settings.dto';

export class ChangeLoanSettingsCommand extends Command<{ projectId: string } & Plain<ChangeLoanSettingsDto>> {}
