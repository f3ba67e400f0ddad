import { Module } from '@nestjs/common';
import { DashboardRoutes } from './dashboard-routes';

const controllers: never[] = [];
const providers = [DashboardRoutes];

/**
 * The dashboard at /dashboard (outside the /api/v1 prefix, like /health and /docs): a static page,
 * its script and styles (page/), and ECharts from node_modules, served by this process. The page
 * logs in with POST /api/v1/auth/token and calls the report routes with the bearer token.
 */
@Module({ controllers, providers })
export class DashboardModule {}
