import { ApiProperty } from '@nestjs/swagger';
import { ApiErrorBody } from '@xingfu/common';

/** The error body every route answers with, for the Swagger schema. */
export class ApiErrorDto implements ApiErrorBody {
  @ApiProperty({ example: 'validation_failed' })
  code!: string;

  @ApiProperty({ example: 'The request has invalid fields.' })
  message!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { townships: ['an officer needs at least one township'] } })
  details!: Record<string, unknown>;
}
