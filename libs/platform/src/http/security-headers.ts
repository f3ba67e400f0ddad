import { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

// Swagger UI and Bull Board run inline scripts and styles; everything else is JSON and may load nothing.
const UI_PATHS = ['/docs', '/admin/queues'];
const forApi = helmet();
const forDocs = helmet({ contentSecurityPolicy: false });

/**
 * helmet's headers on every answer, and `Cache-Control: no-store` on everything but the
 * operator UIs (Swagger, Bull Board): answers carry personal data (full ID numbers for a project manager), which
 * no browser or proxy cache may keep.
 */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  if (UI_PATHS.some((ui) => req.path === ui || req.path.startsWith(`${ui}/`))) return forDocs(req, res, next);
  res.setHeader('Cache-Control', 'no-store');
  forApi(req, res, next);
}
