// The kiosk host in browser-kiosk mode as its own process, for the start and recovery benches:
// the real host on a real SQLite file, serving the built renderer on loopback. Prints one JSON
// line with the kiosk URL once it is listening, then runs until it is killed.
//
//   node bench/kiosk-process.ts <dataDir>
import { exampleConfig } from '../tests/support/config.ts';
import { startKiosk } from '../tests/support/kiosk.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: node bench/kiosk-process.ts <dataDir>');
const kiosk = await startKiosk({ config: exampleConfig(), dataDir });
process.stdout.write(`${JSON.stringify({ url: kiosk.url })}\n`);
process.on('SIGTERM', () => void kiosk.close().then(() => process.exit(0)));
