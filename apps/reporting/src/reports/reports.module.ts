import { Module } from '@nestjs/common';
import { FundsController } from './funds/funds.controller';
import { GetFundsHandler } from './funds/get-funds.handler';
import { GetPortfolioHandler } from './portfolio/get-portfolio.handler';
import { PortfolioController } from './portfolio/portfolio.controller';
import { GetRecoveryHandler } from './recovery/get-recovery.handler';
import { RecoveryController } from './recovery/recovery.controller';
import { GetRejectionsHandler } from './rejections/get-rejections.handler';
import { RejectionsController } from './rejections/rejections.controller';

const controllers = [PortfolioController, RecoveryController, FundsController, RejectionsController];
const queryHandlers = [GetPortfolioHandler, GetRecoveryHandler, GetFundsHandler, GetRejectionsHandler];

/**
 * The report routes, each as JSON, .csv and .xlsx from one column list (export/), the figures
 * from the read model's sums by the formulas of domain/:
 * - portfolio/: sums of reporting.portfolio_cells, grouped (never a scan of the loans);
 * - recovery/: 回收率 from reporting.due_township_cells (or due_cells for a finer groupBy), by the month instalments fell due;
 * - funds/: 到位率 and 滚动率 per project;
 * - rejections/: applications rejected, by reason (from the applications facts).
 */
@Module({ controllers, providers: [...queryHandlers] })
export class ReportsModule {}
