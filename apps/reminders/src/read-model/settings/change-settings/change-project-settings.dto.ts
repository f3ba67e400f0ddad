import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min, registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { REMINDER_KINDS, templateProblems } from '../../../domain/templates';

/** Every problem of a project's templates (unknown kind, blank, too long, unknown placeholder), named by `templates.<kind>`. */
function AreReminderTemplates(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'areReminderTemplates',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => Object.keys(templateProblems(value)).length === 0,
        defaultMessage: (args: ValidationArguments) =>
          Object.entries(templateProblems(args.value))
            .map(([field, messages]) => `${field} ${messages.join(', ')}`)
            .join('; '),
      },
    });
}

export class ChangeProjectSettingsDto {
  @ApiPropertyOptional({ example: 60, minimum: 1, maximum: 366, description: 'Days from the disbursement or the last follow-up visit to the next one due (default 90). Every open follow-up of the project moves with it.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  followUpIntervalDays?: number;

  @ApiPropertyOptional({
    example: { 'instalment-mother': '{{name}}您好，第{{seq}}期{{amount}}将于{{dueDate}}到期。' },
    description: `The project's own texts by reminder kind (${REMINDER_KINDS.join(', ')}), at most 500 characters each, with {{placeholders}}; replaces the project's earlier texts ({} returns every kind to its default).`,
  })
  @IsOptional()
  @AreReminderTemplates()
  templates?: Record<string, string>;
}
