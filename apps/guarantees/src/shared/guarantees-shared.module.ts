import { Module } from '@nestjs/common';
import { PiiCipher, Secrets } from '@xingfu/common';
import { KitModule } from '@xingfu/kit';
import { GuaranteeLifecycle } from './guarantee-lifecycle';
import { GuaranteeView } from './guarantee-view';
import { RECORD_SCOPES } from './record-scopes';

/** What every part of the guarantees service shares: the kit (unit of work), the lifecycle, the view, PII, record scopes. */
@Module({
  imports: [KitModule.forService('guarantees')],
  providers: [GuaranteeLifecycle, GuaranteeView, ...RECORD_SCOPES, { provide: PiiCipher, inject: [Secrets], useFactory: (secrets: Secrets) => new PiiCipher(secrets.piiKey) }],
  exports: [KitModule, GuaranteeLifecycle, GuaranteeView, PiiCipher, ...RECORD_SCOPES],
})
export class GuaranteesSharedModule {}
