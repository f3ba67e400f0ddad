import { PartnerRow, ProgrammeRow } from '../shared/partner.rows';

export const presentProgramme = (p: ProgrammeRow) => ({
  id: p.id,
  partnerId: p.partner_id,
  projectId: p.project_id,
  input: p.input,
  unitCostFen: p.unit_cost_fen,
  costBorneBy: p.cost_borne_by,
  growOutDays: p.grow_out_days,
  buybackPrice: { marketReferencePerKgFen: p.market_reference_per_kg_fen, floorPricePerKgFen: p.floor_price_per_kg_fen },
  deductionRule: p.deduction_rule,
  createdOn: p.created_on,
});

/** A partner and its programmes. The contact is the company's, not a mother's. */
export const presentPartner = (p: PartnerRow, programmes: ProgrammeRow[]) => ({
  id: p.id,
  name: p.name,
  type: p.type,
  countyCode: p.county_code,
  contactName: p.contact_name,
  contactPhone: p.contact_phone,
  creditCode: p.credit_code,
  registeredOn: p.registered_on,
  programmes: programmes.map(presentProgramme),
});
