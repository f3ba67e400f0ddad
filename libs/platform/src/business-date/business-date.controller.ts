import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@xingfu/auth';
import { BusinessDateResponse, SetBusinessDateDto } from './business-date.dto';
import { BusinessDateStore } from './business-date.store';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/business-date')
export class BusinessDateController {
  constructor(private readonly store: BusinessDateStore) {}

  @Get()
  @ApiOperation({ summary: 'The business date every service works on, and whether it follows the calendar or an admin.' })
  @ApiOkResponse({ type: BusinessDateResponse })
  get(): BusinessDateResponse {
    return this.store.view();
  }

  @Put()
  @ApiOperation({
    summary: 'Set the managed business date (BUSINESS_DATE_MODE=managed), for training, demos and catching up. Every service sees it within seconds; the daily sweeps then run once for each day up to it.',
  })
  @ApiOkResponse({ type: BusinessDateResponse })
  @ApiConflictResponse({ description: 'business_date_not_managed: the date follows the calendar (BUSINESS_DATE_MODE=system).' })
  set(@Body() body: SetBusinessDateDto, @CurrentUser() user: AuthUser): Promise<BusinessDateResponse> {
    return this.store.set(body.businessDate, `user:${user.id}`);
  }
}
