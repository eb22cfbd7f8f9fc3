import { cpus } from 'node:os';
import { parseArgs } from 'node:util';

import { acquireVpcdLock, ensurePcscd } from '@bitaqa/card';
import { serviceAddresses } from '@bitaqa/testing';

import { toPersonalizationData } from '../../apps/reader-gateway/src/jobs/personalization-request';
import { personalizationRequest } from '../../apps/reader-gateway/test/support/builders';
import { TestAuthority } from '../../apps/reader-gateway/test/support/test-authority';

import { type GatewayRun, runGateway } from './gateway-run';
import { type RawCard, type RawRun, runRawBaseline } from './raw-baseline';

const USAGE = `usage: bash bench/card-personalization/run.sh [--cards <count>] [--raw-cards <count>]

Personalizes <cards> cards (default 200) with keys through a reader gateway that runs two
encoders on the two vpcd slots, fed by the card emulator, with secrets from an in-process card
authority endpoint. Then it sends the same APDU sequence for <raw-cards> cards (default: the
same count) straight through the PC/SC binding on both slots, and prints cards per minute,
APDU round-trip time, the gateway's share of encoder time and the ratio of the two runs.`;

function readOptions(): { cards: number; rawCards: number } {
  const { values } = parseArgs({
    options: {
      cards: { type: 'string' },
      help: { type: 'boolean' },
      'raw-cards': { type: 'string' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    process.exit(0);
  }

  const cards = Number(values.cards ?? 200);
  const rawCards = Number(values['raw-cards'] ?? cards);
  for (const [name, value] of [
    ['--cards', cards],
    ['--raw-cards', rawCards],
  ] as const) {
    if (!Number.isInteger(value) || value < 2) {
      console.error(`${name} must be an integer of at least 2, got ${value}\n\n${USAGE}`);
      process.exit(2);
    }
  }

  return { cards, rawCards };
}

function perMinute(cards: number, wallMs: number): number {
  return (cards * 60_000) / wallMs;
}

/**
 * Encoder time is wall time times the two encoders. The gateway's share is what is left of it
 * after the APDU round trips: job claims, database writes, result events, authority calls,
 * card swaps and idle polling.
 */
function describeRun(name: string, run: GatewayRun | RawRun): string[] {
  const encoderMs = run.wallMs * 2;
  const share = (encoderMs - run.roundTripMs) / encoderMs;

  return [
    `${name}: ${run.cards} cards in ${(run.wallMs / 1000).toFixed(1)} s, ` +
      `${perMinute(run.cards, run.wallMs).toFixed(1)} cards/min`,
    `  APDUs ${run.apdus} (${(run.apdus / run.cards).toFixed(1)} per card), round trips ` +
      `${(run.roundTripMs / 1000).toFixed(1)} s total, ${(run.roundTripMs / run.cards).toFixed(1)} ms per card`,
    `  encoder time ${(encoderMs / 1000).toFixed(1)} s, outside APDU round trips ${(share * 100).toFixed(1)} %`,
  ];
}

async function main(): Promise<void> {
  const options = readOptions();
  const release = await acquireVpcdLock();
  const vpcdPort = serviceAddresses().vpcdPort;
  const pcscd = await ensurePcscd({ port: vpcdPort });
  const authority = await TestAuthority.start();
  try {
    const requests = Array.from({ length: options.cards }, () => personalizationRequest());
    for (const request of requests) {
      authority.expectJob(request.jobId, request.cardNumber);
    }

    const gateway = await runGateway(authority, requests);
    const rawCards: RawCard[] = [];
    for (let index = 0; index < options.rawCards; index++) {
      const data = toPersonalizationData(personalizationRequest());
      rawCards.push({ data, secrets: await authority.issue(data.cardNumber) });
    }

    const raw = await runRawBaseline(vpcdPort, rawCards);
    const ratio = perMinute(gateway.cards, gateway.wallMs) / perMinute(raw.cards, raw.wallMs);
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    console.log(
      [
        `machine: ${cpus().length} cores (${cpu}), Node ${process.version}, pcscd + vpcd emulator`,
        ...describeRun('gateway', gateway),
        `  failed jobs ${gateway.failed}, spoiled cards ${gateway.spoiled}`,
        ...describeRun('raw binding', raw),
        `gateway / raw cards per minute: ${ratio.toFixed(2)}`,
      ].join('\n'),
    );
  } finally {
    await authority.close();
    await pcscd.stop();
    release();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
