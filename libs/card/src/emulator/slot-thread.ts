import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';

import { CardImage } from '../application/card-image';
import { EmulatorError } from './emulator-error';
import { CardSlotOptions, SlotCommand, SlotEvent, SlotReply } from './slot-events';

/**
 * Starts slot-worker in a worker thread. Under a TypeScript runtime (Jest, swc-node) the
 * worker registers @swc-node/register first so it can load the .ts entry.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.entry.endsWith('.ts')) require('@swc-node/register');
require(workerData.entry);
`;

function workerEntry(): string {
  return require.resolve('./slot-worker');
}

/** A card slot running in its own thread, seen from the thread that owns it. */
export class SlotThread extends EventEmitter<{ event: [SlotEvent] }> {
  private readonly worker: Worker;
  private readonly pendingImages = new Map<number, (image: CardImage) => void>();
  private nextRequestId = 1;
  private readonly stopped: Promise<CardImage>;
  private lastImage: CardImage;

  private constructor(
    private readonly options: CardSlotOptions,
    started: { resolve: () => void; reject: (error: Error) => void },
  ) {
    super();
    this.lastImage = options.image;
    const entry = workerEntry();
    this.worker = new Worker(BOOTSTRAP, { eval: true, workerData: { ...options, entry } });
    this.stopped = new Promise((resolve) => {
      this.worker.on('message', (message: SlotEvent | SlotReply) =>
        this.onMessage(message, started, resolve),
      );
      this.worker.on('error', (error) => started.reject(error));
      this.worker.on('exit', () => resolve(this.lastImage));
    });
  }

  /**
   * Starts the worker and resolves once the card is in the slot. `listener` receives every
   * slot event, the first insertion included.
   */
  static async start(
    options: CardSlotOptions,
    listener: (event: SlotEvent) => void,
  ): Promise<SlotThread> {
    let thread: SlotThread | undefined;
    await new Promise<void>((resolve, reject) => {
      thread = new SlotThread(options, { resolve, reject });
      thread.on('event', listener);
    });

    return thread!;
  }

  /** Current image of the card in the slot, read from the worker. */
  readImage(): Promise<CardImage> {
    const requestId = this.nextRequestId++;

    return new Promise((resolve) => {
      this.pendingImages.set(requestId, resolve);
      this.send({ type: 'read-image', requestId });
    });
  }

  /** Pulls the card out and ends the worker; resolves with the card's last image. */
  stop(): Promise<CardImage> {
    this.send({ type: 'remove' });

    return this.stopped;
  }

  private send(command: SlotCommand): void {
    this.worker.postMessage(command);
  }

  private onMessage(
    message: SlotEvent | SlotReply,
    started: { resolve: () => void; reject: (error: Error) => void },
    stopped: (image: CardImage) => void,
  ): void {
    switch (message.type) {
      case 'start-failed':
        started.reject(
          new EmulatorError(
            'VPCD_UNREACHABLE',
            `cannot reach vpcd at ${this.options.host}:${this.options.port}: ${message.message}; start pcscd with the vpcd driver`,
            { host: this.options.host, port: this.options.port },
          ),
        );
        break;
      case 'image':
        this.pendingImages.get(message.requestId)?.(message.image);
        this.pendingImages.delete(message.requestId);
        break;
      case 'stopped':
        this.lastImage = message.image;
        stopped(message.image);
        break;
      default:
        if ('image' in message) {
          this.lastImage = message.image;
        }

        if (message.type === 'inserted') {
          started.resolve();
        }

        this.emit('event', message);
    }
  }
}
