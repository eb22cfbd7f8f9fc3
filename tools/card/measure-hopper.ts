import {
  acquireVpcdLock,
  CardCommands,
  CardHopper,
  DEFAULT_VPCD_PORT,
  ensurePcscd,
  HopperMode,
  PcscClient,
  personalizeCard,
  vpcdReaderName,
} from '@bitaqa/card';

import { integerOption, parseOptions } from './cli-args';

const USAGE = `usage: measure-hopper [--cards 10] [--port ${DEFAULT_VPCD_PORT}]
Personalizes --cards cards through pcscd in each hopper mode (swap, reconnect) on vpcd slot 0
and prints, per mode, the card changeover time (power-off of a finished card to a connection
on the next blank one) and the personalization time, in milliseconds.`;

interface Summary {
  median: number;
  p95: number;
  max: number;
}

function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (fraction: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;

  const round = (value: number) => Math.round(value);

  return { median: round(at(0.5)), p95: round(at(0.95)), max: round(sorted[sorted.length - 1]!) };
}

async function measureMode(
  mode: HopperMode,
  cards: number,
  port: number,
): Promise<Record<string, unknown>> {
  const client = new PcscClient();
  const reader = vpcdReaderName(0);
  const hopper = new CardHopper({ port, mode });
  await hopper.start();
  const changeovers: number[] = [];
  const personalizations: number[] = [];
  let previousSerial = '';
  try {
    for (let index = 0; index < cards; index++) {
      const changeoverStart = performance.now();
      const connection = await client.connectWhenPresent(reader, { timeoutMs: 10000 });
      await connection.transmit(CardCommands.selectApplication());
      const started = performance.now();
      if (index > 0) {
        changeovers.push(started - changeoverStart);
      }

      const result = await personalizeCard(connection, {
        cardNumber: `9760${String(index).padStart(12, '0')}`,
        expiryDate: '2031-06-30',
        holder: {
          nationalNumber: '02010000018',
          arabicName: { given: 'رشا', father: 'محمد', family: 'الحلبي' },
          latinName: { given: 'RASHA', family: 'AL-HALABI' },
          birthDate: '1990-01-15',
          sex: 'F',
          familyId: 'FAM-SY02-000123',
          governoratePcode: 'SY02',
        },
      });
      personalizations.push(performance.now() - started);
      if (result.serial === previousSerial) {
        throw new Error(`card ${result.serial} was personalized twice`);
      }

      previousSerial = result.serial;
      connection.disconnect('unpower');
    }
  } finally {
    await hopper.stop();
  }

  return {
    mode,
    cards,
    changeoverMs: summarize(changeovers),
    personalizationMs: summarize(personalizations),
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), ['cards', 'port'], USAGE);
  const cards = integerOption(options, 'cards', 10, USAGE);
  const port = integerOption(options, 'port', DEFAULT_VPCD_PORT, USAGE);
  const release = await acquireVpcdLock();
  const pcscd = await ensurePcscd({ port });
  try {
    const results = [];
    for (const mode of ['swap', 'reconnect'] as const) {
      results.push(await measureMode(mode, cards, port));
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }

    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await pcscd.stop();
    release();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `measure-hopper failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
