import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const REPOSITORY = join(__dirname, '../../..');

/**
 * Requires the station's entry module in a fresh Node process, then loads pkcs11js on purpose,
 * and prints which modules were loaded at each point. A fresh process, because Jest keeps its
 * own module registry.
 */
const TRACE = `
const native = () => Object.keys(require.cache).filter((path) => path.includes('/node_modules/pkcs11js/'));
require('./apps/station-gateway/src/bootstrap');
const afterStation = native();
const cardKeys = Object.keys(require.cache).some((path) => path.endsWith('libs/card-keys/src/index.ts'));
require('./libs/card-keys/src/pkcs11/pkcs11js-loader').pkcs11js();
process.stdout.write(JSON.stringify({ afterLoader: native(), afterStation, cardKeys }));
`;

describe('station imports', () => {
  it('load no pkcs11js', () => {
    const output = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', TRACE], {
      cwd: REPOSITORY,
      encoding: 'utf8',
    });
    const trace = JSON.parse(output) as {
      afterLoader: string[];
      afterStation: string[];
      cardKeys: boolean;
    };

    expect(trace.cardKeys).toBe(true);
    expect(trace.afterStation).toEqual([]);
    expect(trace.afterLoader.length).toBeGreaterThan(0);
  });
});
