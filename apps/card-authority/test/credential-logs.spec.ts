import { createLogger } from '@bitaqa/observability';

import type { IssuedSecret } from '../src/credentials/credential';
import type { TokenResponse } from '../src/credentials/token/token.service';

import { createCredential, requestToken, uniqueClientId } from './support/credentials';
import { Harness } from './support/harness';

type LogLine = Record<string, unknown> & { msg: string };

describe('credential logs', () => {
  const lines: string[] = [];
  let harness: Harness;

  function parsed(): LogLine[] {
    return lines.map((line) => JSON.parse(line) as LogLine);
  }

  beforeAll(async () => {
    const logger = createLogger('card-authority', 'info', {
      write: (line: string) => lines.push(line),
    });

    harness = await Harness.start('credential-logs', { logger });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('logs tokens and changes without secrets', async () => {
    const client = await createCredential(harness, {
      audiences: ['fuel-allocation'],
      clientId: uniqueClientId('logged'),
      kind: 'operator',
      scopes: ['fuel:read'],
    });
    const token = await requestToken<TokenResponse>(harness, client, {
      audience: 'fuel-allocation',
    });
    const rotated = await harness.http<IssuedSecret>(
      'POST',
      `/clients/${client.clientId}/rotate-secret`,
      { reason: 'scheduled rotation' },
    );
    const wrong = await requestToken(harness, client);
    const text = lines.join('\n');
    const issued = parsed().find((line) => line.msg === 'token issued');
    const failed = parsed().find((line) => line.msg === 'client authentication failed');

    expect(token.status).toBe(200);
    expect(wrong.status).toBe(401);
    expect(text).not.toContain(client.clientSecret);
    expect(text).not.toContain(rotated.body.clientSecret);
    expect(text).not.toContain(token.body.access_token);
    expect(text).not.toContain(token.body.access_token.split('.')[2]);
    expect(issued).toMatchObject({
      audience: 'fuel-allocation',
      clientId: client.clientId,
      scopes: ['fuel:read'],
    });
    expect(issued?.['tokenId']).toEqual(expect.any(String));
    expect(failed).toMatchObject({ clientId: client.clientId, failedAttempts: 1 });
    expect(parsed().map((line) => line.msg)).toEqual(
      expect.arrayContaining(['credential created', 'credential secret rotated']),
    );
  });
});
