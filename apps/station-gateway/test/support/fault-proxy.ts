import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * `pass` forwards. `lose-response` forwards and waits for the response, then cuts the connection,
 * as a network failure after fuel-allocation committed would.
 */
export type ProxyMode = 'lose-response' | 'pass';

/** An HTTP proxy in front of fuel-allocation that can lose responses on the way back. */
export class FaultProxy {
  /** Idempotency keys of the requests that reached the proxy, in order. */
  readonly keys: string[] = [];
  private losses = 0;
  private server: Server | undefined;

  constructor(private readonly target: string) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  /** Loses the responses to the next `count` requests. */
  loseNextResponses(count: number): void {
    this.losses = count;
  }

  async start(): Promise<void> {
    this.server = createServer((incoming, outgoing) => {
      const mode: ProxyMode = this.losses > 0 ? 'lose-response' : 'pass';

      if (mode === 'lose-response') this.losses -= 1;
      this.keys.push(String(incoming.headers['idempotency-key'] ?? ''));
      this.forward(incoming, (status, headers, body) => {
        if (mode === 'lose-response') {
          outgoing.socket?.destroy();

          return;
        }
        outgoing.writeHead(status, headers);
        outgoing.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private forward(
    incoming: IncomingMessage,
    reply: (status: number, headers: IncomingMessage['headers'], body: Buffer) => void,
  ): void {
    const upstream = httpRequest(
      `${this.target}${incoming.url}`,
      { headers: incoming.headers, method: incoming.method },
      (upstreamResponse) => {
        const chunks: Buffer[] = [];

        upstreamResponse.on('data', (chunk: Buffer) => chunks.push(chunk));
        upstreamResponse.on('end', () =>
          reply(
            upstreamResponse.statusCode ?? 502,
            upstreamResponse.headers,
            Buffer.concat(chunks),
          ),
        );
      },
    );

    incoming.pipe(upstream);
  }
}
