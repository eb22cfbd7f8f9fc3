import type { CardTransport, CommandApdu, ResponseApdu } from '@bitaqa/card';

/** Command APDUs an encoder sent and the time it waited for their responses. */
export class ApduTiming {
  private count = 0;
  private nanoseconds = 0n;

  get apdus(): number {
    return this.count;
  }

  /** Total round-trip time, in milliseconds, from sending a command to its full response. */
  get roundTripMs(): number {
    return Number(this.nanoseconds / 1_000n) / 1_000;
  }

  /** Wraps a transport so every command it carries is counted and timed here. */
  wrap(transport: CardTransport): CardTransport {
    return {
      transmit: async (command: CommandApdu): Promise<ResponseApdu> => {
        const started = process.hrtime.bigint();
        try {
          return await transport.transmit(command);
        } finally {
          this.nanoseconds += process.hrtime.bigint() - started;
          this.count++;
        }
      },
    };
  }
}
