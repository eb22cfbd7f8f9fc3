import { connect } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

// The card library's entry loads the smartcard addon, which must stay in the thread that uses
// PC/SC, so this thread imports the card application's own modules, as the emulator's does.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { CardApplication } from '../../../../libs/card/src/application/card-application';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { BITAQA_ATR } from '../../../../libs/card/src/application/card-constants';

import type { ScriptedCardOptions } from './scripted-card';

/** vpcd control byte requesting the ATR, the only control message that needs a reply. */
const GET_ATR = 0x04;
const POWER_OFF = 0x00;
const RESET = 0x02;
const NO_PRECISE_DIAGNOSIS = Buffer.from([0x6f, 0x00]);

function frame(payload: Buffer): Buffer {
  const header = Buffer.alloc(2);

  header.writeUInt16BE(payload.length);

  return Buffer.concat([header, payload]);
}

/**
 * Worker thread of a scripted card: a vpcd client that runs the card application but returns
 * fixed response bytes for one instruction. It runs apart from the test's thread because the
 * station's PC/SC calls block that thread until the card responds.
 */
function run(): void {
  const options = workerData as ScriptedCardOptions;
  const application = new CardApplication(options.image);
  const replacement = Buffer.from(options.response, 'hex');
  const socket = connect({ host: options.host, port: options.port });
  let buffered = Buffer.alloc(0);

  const respond = (payload: Buffer): Buffer => {
    try {
      return payload[1] === options.ins ? replacement : application.processBytes(payload);
    } catch {
      // vpcd waits for a response without a time limit, so a failure still gets one.
      return NO_PRECISE_DIAGNOSIS;
    }
  };

  const handle = (payload: Buffer): void => {
    if (payload.length > 1) {
      socket.write(frame(respond(payload)));

      return;
    }

    if (payload[0] === GET_ATR) socket.write(frame(BITAQA_ATR));
    if (payload[0] === POWER_OFF || payload[0] === RESET) application.resetSession();
  };

  socket.setNoDelay(true);
  socket.on('connect', () => parentPort?.postMessage('inserted'));
  socket.on('error', (error) => parentPort?.postMessage(`error: ${error.message}`));
  socket.on('close', () => parentPort?.close());
  socket.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);

    while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
      const length = buffered.readUInt16BE(0);

      handle(Buffer.from(buffered.subarray(2, 2 + length)));
      buffered = buffered.subarray(2 + length);
    }
  });
  parentPort?.on('message', () => socket.destroy());
}

run();
