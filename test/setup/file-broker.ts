import { readFileSync } from 'node:fs';
// Relative import, as the global set-up: the broker helpers, not the whole testing barrel.
import { startFileBroker, stopFileBrokers } from '../../libs/testing/src/broker';

/**
 * Each test file that uses Kafka gets a broker of its own, started before its first hook, so its
 * consumer groups read its events only (see startFileBroker). A file that never names Kafka keeps
 * the run's shared broker and pays nothing; so does one that starts every broker it uses itself
 * (startPrivateBroker, and none of the helpers that work on the file's broker). The previous
 * file's broker is stopped here too.
 */
const testPath = expect.getState().testPath;
const source = testPath ? readFileSync(testPath, 'utf8') : '';
const startsItsOwnBrokers = /\bstartPrivateBroker\(/.test(source) && !/\b(brokerAddress|brokerApiPort|freezeBroker|thawBroker|committedOffsets)\b/.test(source);
const usesKafka = /kafka/i.test(source) && !startsItsOwnBrokers;

beforeAll(async () => {
  if (usesKafka) await startFileBroker();
  else await stopFileBrokers();
}, 30_000);
