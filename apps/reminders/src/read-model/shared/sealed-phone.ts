import { Injectable } from '@nestjs/common';
import { PiiCipher } from '@xingfu/common';

/**
 * A phone reaches reminders sealed with the PII key and stays sealed here. Its keyed lookup
 * hash is what messages are merged by (one SMS per phone per day) without storing the number:
 * the clear value lives only in this call's memory.
 */
@Injectable()
export class SealedPhone {
  constructor(private readonly pii: PiiCipher) {}

  lookupHash(sealed: string): string {
    return this.pii.lookupHash(this.pii.decrypt(sealed));
  }
}
