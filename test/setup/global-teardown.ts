import { stopBroker } from '../../libs/testing/src/broker';

export default async function globalTeardown(): Promise<void> {
  await stopBroker();
}
