import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, ScopedRecord } from '@xingfu/auth';
import { DomainError, validationFailed } from '@xingfu/kernel';
import { GuaranteeScope } from '../shared/record-scopes';
import { GetGuaranteeQuery } from './get-guarantee/get-guarantee.query';
import { GuarantorGuaranteesFilter, ListGuaranteesFilter } from './list-guarantees/list-guarantees.dto';
import { ListGuaranteesQuery } from './list-guarantees/list-guarantees.query';

const ID_HASH = /^[0-9a-f]{64}$/;

@ApiTags('guarantees')
@ApiBearerAuth()
@Controller()
export class GuaranteesQueryController {
  constructor(private readonly queries: QueryBus) {}

  @Get('guarantees')
  @ApiOperation({ summary: 'Guarantees in your scope, with each party’s state, dates, demands and payments; filtered and paged.' })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }' })
  @ApiBadRequestResponse({ description: 'validation_failed: a filter or page out of range.' })
  @ApiNotFoundResponse({ description: 'Partners never see guarantees.' })
  list(@Query() filter: ListGuaranteesFilter, @CurrentUser() user: AuthUser) {
    return this.queries.execute(new ListGuaranteesQuery(filter, user));
  }

  @Get('guarantees/:id')
  @ScopedRecord('guarantee', GuaranteeScope)
  @ApiOperation({ summary: 'One guarantee: each party’s state and dates, replaced parties, demands and what each party paid.' })
  @ApiOkResponse({ description: 'The guarantee.' })
  @ApiNotFoundResponse({ description: 'No such guarantee in your scope (partners: never).' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.queries.execute(new GetGuaranteeQuery(id, user));
  }

  @Get('guarantors/:idHash/guarantees')
  @Roles('project_manager', 'foundation', 'admin')
  @ApiOperation({ summary: 'Everything one guarantor household stands (or stood) behind, by the keyed hash of its head’s ID number (as GET /guarantees/:id shows it).' })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }' })
  @ApiBadRequestResponse({ description: 'validation_failed: not a hash.' })
  @ApiNotFoundResponse({ description: 'The household stands behind no guarantee in your scope.' })
  async guarantor(@Param('idHash') idHash: string, @Query() filter: GuarantorGuaranteesFilter, @CurrentUser() user: AuthUser) {
    if (!ID_HASH.test(idHash)) throw validationFailed({ idHash: ['idHash must be the 64-hex keyed hash of an ID number'] });
    const found: { total: number } = await this.queries.execute(new ListGuaranteesQuery({ page: filter.page, householdIdHash: idHash }, user));
    if (found.total === 0) throw new DomainError('not_found', 'not_found', 'no guarantor household with that hash was found', { idHash });
    return found;
  }
}
