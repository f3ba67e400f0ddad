import { rmSync } from 'node:fs';
import { stopBroker, stopFileBrokers } from '../../libs/testing/src/broker';
import { testDataRoot } from '../../libs/testing/src/test-env';

export default async function globalTeardown(): Promise<void> {
  await stopFileBrokers();
  await stopBroker();
  rmSync(testDataRoot(), { recursive: true, force: true });
}
