import { Injectable } from '@nestjs/common';
import { ScopeResolver, ScopeTarget } from '@xingfu/auth';
import { DataSource } from 'typeorm';

/** A partner: its county's managers and officers, the foundation, and its own users (partnerId = its id). */
@Injectable()
export class PartnerScope implements ScopeResolver {
  constructor(private readonly dataSource: DataSource) {}

  async scopeOf(id: string): Promise<ScopeTarget | undefined> {
    const [row]: { county_code: string }[] = await this.dataSource.query('SELECT county_code FROM partners.partners WHERE id = $1', [id]);
    return row && { countyCode: row.county_code, partnerId: id };
  }
}

const ENROLMENT_SCOPE = `SELECT e.township_code, e.county_code, e.partner_id FROM partners.enrolments e`;
const target = (row?: { township_code: string; county_code: string; partner_id: string }) => row && { townshipCode: row.township_code, countyCode: row.county_code, partnerId: row.partner_id };

/** An enrolment (and its deliveries and buybacks): the mother's township and county, and the partner she is enrolled with. */
@Injectable()
export class EnrolmentScope implements ScopeResolver {
  constructor(private readonly dataSource: DataSource) {}

  async scopeOf(id: string): Promise<ScopeTarget | undefined> {
    return target((await this.dataSource.query(`${ENROLMENT_SCOPE} WHERE e.id = $1`, [id]))[0]);
  }
}

@Injectable()
export class DeliveryScope implements ScopeResolver {
  constructor(private readonly dataSource: DataSource) {}

  async scopeOf(id: string): Promise<ScopeTarget | undefined> {
    return target((await this.dataSource.query(`${ENROLMENT_SCOPE} JOIN partners.deliveries d ON d.enrolment_id = e.id WHERE d.id = $1`, [id]))[0]);
  }
}

@Injectable()
export class BuybackScope implements ScopeResolver {
  constructor(private readonly dataSource: DataSource) {}

  async scopeOf(id: string): Promise<ScopeTarget | undefined> {
    return target((await this.dataSource.query(`${ENROLMENT_SCOPE} JOIN partners.buybacks b ON b.enrolment_id = e.id WHERE b.id = $1`, [id]))[0]);
  }
}

export const RECORD_SCOPES = [PartnerScope, EnrolmentScope, DeliveryScope, BuybackScope];
