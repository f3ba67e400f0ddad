import { ProjectModel } from '@xingfu/kernel';

/** The "X+1" models whose X is a partner (company, lead farmer, industrial park); "self" has none. */
export const MODELS_WITH_PARTNER: readonly ProjectModel[] = ['company', 'lead_farmer', 'park'];

export function hasPartner(model: ProjectModel): boolean {
  return MODELS_WITH_PARTNER.includes(model);
}
