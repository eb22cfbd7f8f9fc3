// Measures card key derivation and issuer signing in the software store and in a SoftHSM2 token.
// Run from the repository root: node -r @swc-node/register bench/card-keys/derive-card-keys.ts [cards]
import { rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

import {
  aesCmac,
  cardKeyFixedInput,
  createSoftHsmDirectory,
  initSoftHsmToken,
  kdfCounterModeAesCmac,
  KEY_PURPOSES,
  Pkcs11KeyStore,
  SOFTHSM_MODULE,
  SoftwareKeyStore,
  type KeyStore,
} from '@bitaqa/card-keys';

const CARDS = Number(process.argv[2] ?? 2000);
const SIGNATURES = 500;
const ROUNDS = 3;

function cardNumber(index: number): string {
  return `9760${String(index).padStart(12, '0')}`;
}

/** Times `count` calls of `work` in three rounds and prints the fastest round, per call. */
async function measure(
  name: string,
  count: number,
  work: (index: number) => Promise<unknown>,
): Promise<number> {
  // A warm-up pass lets V8 compile the code paths before the timed rounds.
  for (let index = 0; index < Math.min(count, 200); index += 1) {
    await work(count + index);
  }

  let best = Number.POSITIVE_INFINITY;

  for (let round = 1; round <= ROUNDS; round += 1) {
    const started = performance.now();

    for (let index = 0; index < count; index += 1) {
      await work(index);
    }

    best = Math.min(best, ((performance.now() - started) * 1000) / count);
    process.stderr.write(`  ${name}: round ${round}/${ROUNDS} done\n`);
  }

  console.log(`${name.padEnd(44)} ${best.toFixed(1).padStart(9)} µs each`);

  return best;
}

async function run(): Promise<void> {
  const { configPath, directory } = await createSoftHsmDirectory();

  process.env.SOFTHSM2_CONF = configPath;
  initSoftHsmToken('bench', { pin: '1234', soPin: '5678' });

  const masters = { auth: Buffer.alloc(16, 1), enc: Buffer.alloc(16, 2), mac: Buffer.alloc(16, 3) };
  const software = await SoftwareKeyStore.open();
  const token = await Pkcs11KeyStore.open({
    modulePath: SOFTHSM_MODULE,
    pin: '1234',
    tokenLabel: 'bench',
  });

  await software.importMasterKeys(1, masters);
  await token.importMasterKeys(1, masters);
  await software.ensureVersionKeys(1);
  await token.ensureVersionKeys(1);

  console.log(`${cpus()[0]?.model} x ${cpus().length}, load average ${loadavg()[0]!.toFixed(2)}`);
  console.log(`${CARDS} cards, three AES-128 keys each; ${SIGNATURES} ES256 signatures`);

  const stores: Array<[string, KeyStore]> = [
    ['software', software],
    ['pkcs11 SoftHSM2', token],
  ];

  const raw = await measure('raw: KDF over aesCmac, no store', CARDS, async (index) => {
    for (const purpose of KEY_PURPOSES) {
      kdfCounterModeAesCmac(masters[purpose], {
        counterBits: 32,
        fixedInput: cardKeyFixedInput(purpose, cardNumber(index), 1),
        lengthBits: 128,
      });
    }
  });

  for (const [name, store] of stores) {
    const derive = await measure(`${name}: deriveCardKeys`, CARDS, (index) =>
      store.deriveCardKeys(cardNumber(index), 1),
    );

    console.log(`  ratio to raw: ${(derive / raw).toFixed(2)}`);
  }

  const body = aesCmac(masters.mac, Buffer.alloc(200));

  for (const [name, store] of stores) {
    await measure(`${name}: signWithIssuerKey`, SIGNATURES, () => store.signWithIssuerKey(1, body));
  }

  await token.close();
  await software.close();
  await rm(directory, { force: true, recursive: true });
}

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
