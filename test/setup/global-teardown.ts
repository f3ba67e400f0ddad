import { rmSync } from 'node:fs';
import { stopBroker } from '../../libs/testing/src/broker';
import { testDataRoot } from '../../libs/testing/src/test-env';

export default async function globalTeardown(): Promise<void> {
  await stopBroker();
  rmSync(testDataRoot(), { recursive: true, force: true });
}
