import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Request, Response } from 'express';
import { DASHBOARD_PATH, dashboardAssets, missingAssets } from './dashboard-assets';

/**
 * Mounts the dashboard's files on the HTTP server, outside the /api/v1 prefix (as Swagger and
 * the queue board are). They are public: the page holds no data, it asks for a login and then
 * calls the report routes, which check the token and the caller's scope as everywhere.
 * helmet's headers (the content security policy with them) apply, since the page runs no inline
 * script and loads everything from this origin.
 */
@Injectable()
export class DashboardRoutes implements OnModuleInit {
  private readonly logger = new Logger('Dashboard');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const http = this.adapterHost.httpAdapter;
    // An application context without HTTP (a module-boot test) serves no page.
    if (!http || http.getType() !== 'express') return;
    const assets = dashboardAssets();
    const missing = missingAssets(assets);
    // A missing file is a build problem, not a reason to stop serving the reports: say so once, answer 404.
    if (missing.length > 0) this.logger.error(`dashboard files missing (${missing.join(', ')}); ${DASHBOARD_PATH} answers 404`);
    const express = http.getInstance() as { get: (path: string, handler: (req: Request, res: Response) => void) => void };
    for (const [path, file] of Object.entries(assets)) {
      express.get(path, (_req, res) => {
        if (missing.includes(file)) {
          res.status(404).json({ code: 'not_found', message: 'The dashboard is not part of this build.', details: {} });
          return;
        }
        // cacheControl false: keep the platform's `no-store` on every answer.
        res.sendFile(file, { cacheControl: false });
      });
    }
  }
}
