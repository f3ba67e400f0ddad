import { Module } from '@nestjs/common';

/** No feature yet: the module starts, owns its schema and its backbone tables. */
@Module({})
export class GuaranteesModule {}
