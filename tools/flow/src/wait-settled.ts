import { setTimeout as sleep } from 'node:timers/promises';

import type { CardOutputStack } from './card-output';
import type { RunningPlatform } from './platform';
import { describeSnapshot, isSettled, takeSnapshot, type PlatformSnapshot } from './snapshot';

export interface SettleOptions {
  onProgress: (line: string) => void;
  /** Poll interval in milliseconds. */
  pollMs?: number;
  /** Give up after this many milliseconds without any count changing. */
  stallMs?: number;
}

/**
 * Polls every app until the platform is settled in two polls in a row, printing progress.
 * Fails when no count moved for `stallMs`, with the last snapshot in the message.
 */
export async function waitUntilSettled(
  platform: RunningPlatform,
  cards: CardOutputStack,
  options: SettleOptions,
): Promise<PlatformSnapshot> {
  const pollMs = options.pollMs ?? 2_000;
  const stallMs = options.stallMs ?? 180_000;
  let previous = '';
  let lastChange = Date.now();
  let settledPolls = 0;

  for (;;) {
    const snapshot = await takeSnapshot(platform);
    const line = describeSnapshot(snapshot, cards.personalizedCount);

    if (line !== previous) {
      options.onProgress(line);
      previous = line;
      lastChange = Date.now();
    }
    settledPolls = isSettled(snapshot) ? settledPolls + 1 : 0;
    if (settledPolls >= 2) return snapshot;
    if (Date.now() - lastChange > stallMs) {
      throw new Error(
        `platform made no progress for ${stallMs} ms; last state: ${JSON.stringify(snapshot)}`,
      );
    }
    await sleep(pollMs);
  }
}
