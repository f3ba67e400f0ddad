import { readFileSync } from 'node:fs';
// Relative import, as the global set-up: the broker helpers, not the whole testing barrel.
import { startFileBroker, stopFileBrokers } from '../../libs/testing/src/broker';

/**
 * Each test file that uses Kafka gets a broker of its own, started before its first hook, so its
 * consumer groups read its events only (see startFileBroker). A file that never names Kafka keeps
 * the run's shared broker and pays nothing. The previous file's broker is stopped here too.
 */
const testPath = expect.getState().testPath;
const usesKafka = !!testPath && /kafka/i.test(readFileSync(testPath, 'utf8'));

beforeAll(async () => {
  if (usesKafka) await startFileBroker();
  else await stopFileBrokers();
}, 30_000);
