import { parentPort, workerData } from 'node:worker_threads';

import { CardSlot } from './card-slot';
import { CardSlotOptions, SlotCommand, SlotEvent, SlotReply } from './slot-events';

/**
 * Worker thread entry of an emulated card slot. The card responds to vpcd from this thread, so a
 * blocking PC/SC call in the owning thread (SCardDisconnect waits for vpcd, and vpcd for the
 * card) cannot deadlock it.
 */
function run(): void {
  const port = parentPort;
  if (port === null) {
    throw new Error('slot-worker must run in a worker thread');
  }

  const post = (message: SlotEvent | SlotReply) => port.postMessage(message);
  const slot = new CardSlot(workerData as CardSlotOptions, post);
  port.on('message', (command: SlotCommand) => {
    if (command.type === 'read-image') {
      post({ type: 'image', requestId: command.requestId, image: slot.image });

      return;
    }

    void slot.stop().then((image) => {
      post({ type: 'stopped', image });
      port.close();
    });
  });
  slot.start().catch((error: unknown) => {
    post({ type: 'start-failed', message: error instanceof Error ? error.message : String(error) });
    port.close();
  });
}

run();
