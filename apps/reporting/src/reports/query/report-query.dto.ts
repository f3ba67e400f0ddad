import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsSaneDate } from '@xingfu/common';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID, ValidateBy, ValidationOptions } from 'class-validator';
import { GROUP_BY, GroupBy } from './group-by';

/** `groupBy=township,month` or `groupBy=township&groupBy=month`: a list either way. */
const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value);

/** `to` on or after `from` (both YYYY-MM-DD, so the text order is the date order). */
function IsNotBefore(property: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBefore',
      constraints: [property],
      validator: {
        validate: (value, args) => {
          const other = (args?.object as Record<string, unknown>)[property];
          return typeof other !== 'string' || typeof value !== 'string' || value >= other;
        },
        defaultMessage: (args) => `${args?.property} must not be before ${property}`,
      },
    },
    options,
  );
}

/** The query of the portfolio and recovery reports: how to break the figures down, which project, which dates. */
export class ReportQuery {
  @ApiPropertyOptional({ description: `Comma-separated, each at most once: ${GROUP_BY.join(', ')}. None: one row, the total.`, example: 'township,month' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(GROUP_BY.length)
  @ArrayUnique()
  @IsIn(GROUP_BY, { each: true })
  groupBy?: GroupBy[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @IsSaneDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsSaneDate()
  @IsNotBefore('from')
  to?: string;
}

/** The funds report: per project, optionally one. */
export class FundsQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  projectId?: string;
}
