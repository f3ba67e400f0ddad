import { Role } from '@xingfu/auth';

/**
 * Who reads the reports: the foundation and admins everywhere, project managers in their
 * counties, officers in their townships (scopedWhere). Partners are not among them (403): the
 * figures are about the mothers' loans, which partners never see (loans answers them 404);
 * their own buybacks are in the partners service.
 */
export const REPORT_ROLES: Role[] = ['foundation', 'project_manager', 'officer', 'admin'];
