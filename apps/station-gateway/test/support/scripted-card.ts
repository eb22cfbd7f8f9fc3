import { Worker } from 'node:worker_threads';

import type { CardImage } from '@bitaqa/card';
import { serviceAddresses } from '@bitaqa/testing';

/** What a scripted card's worker thread needs: the card, the vpcd slot and the fixed response. */
export interface ScriptedCardOptions {
  host: string;
  image: CardImage;
  /** Instruction byte whose commands get `response` instead of the card application's. */
  ins: number;
  port: number;
  /** Response APDU bytes in hex, data and status word. */
  response: string;
}

/** Loads the TypeScript worker entry the way the card emulator's slot threads do. */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
require('@swc-node/register');
require(workerData.entry);
`;

/**
 * A card in the station's vpcd slot that runs the real card application but returns fixed bytes
 * for one instruction, as a tampered card would: for example a card that replays an INTERNAL
 * AUTHENTICATE response recorded earlier. It runs in a worker thread, because the station's
 * PC/SC calls block the test's thread until the card responds.
 */
export class ScriptedCard {
  private constructor(private readonly worker: Worker) {}

  /** Connects to vpcd's second slot, which inserts the card into the station's reader. */
  static async insert(image: CardImage, ins: number, response: Buffer): Promise<ScriptedCard> {
    const { vpcdHost, vpcdPort } = serviceAddresses();
    const options: ScriptedCardOptions = {
      host: vpcdHost,
      image,
      ins,
      port: vpcdPort + 1,
      response: response.toString('hex'),
    };
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { ...options, entry: require.resolve('./scripted-card-worker') },
    });

    await new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (message: string) =>
        message === 'inserted' ? resolve() : reject(new Error(`scripted card: ${message}`)),
      );
    });

    return new ScriptedCard(worker);
  }

  /** Closes the vpcd connection, which takes the card out of the slot, and ends the thread. */
  async remove(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));

    this.worker.postMessage('remove');
    await exited;
  }
}
