import type { IssuedSecret } from '../../src/credentials/credential';

import type { Harness, HttpResult } from './harness';

let counter = 0;

/** Returns a client id unique within the test run. */
export function uniqueClientId(label: string): string {
  counter += 1;

  return `${label}-${process.pid}-${counter}-${Date.now().toString(36)}`.slice(0, 64);
}

export interface NewCredential {
  audiences: string[];
  clientId?: string;
  description?: string;
  kind: 'app' | 'operator' | 'service' | 'station';
  scopes: string[];
  serviceId?: string;
  stationCode?: string;
}

/** Creates a credential through the officer endpoint and returns its id and secret. */
export async function createCredential(
  harness: Harness,
  credential: NewCredential,
): Promise<IssuedSecret> {
  const { body, status } = await harness.http<IssuedSecret>('POST', '/clients', {
    description: 'created by a test',
    ...credential,
  });

  if (status !== 201) {
    throw new Error(`POST /clients returned ${status}: ${JSON.stringify(body)}`);
  }

  return body;
}

export interface TokenRequestOptions {
  audience?: string;
  /** Client authentication method, HTTP Basic by default. */
  auth?: 'basic' | 'both' | 'form';
  grantType?: string;
  scope?: string;
}

/** Posts a client credentials grant to the token endpoint as an OAuth client would. */
export async function requestToken<Body = Record<string, unknown>>(
  harness: Harness,
  credentials: IssuedSecret,
  options: TokenRequestOptions = {},
): Promise<HttpResult<Body>> {
  const form = new URLSearchParams({ grant_type: options.grantType ?? 'client_credentials' });
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
  };
  const auth = options.auth ?? 'basic';

  if (options.scope !== undefined) form.set('scope', options.scope);
  if (options.audience !== undefined) form.set('audience', options.audience);
  if (auth !== 'basic') {
    form.set('client_id', credentials.clientId);
    form.set('client_secret', credentials.clientSecret);
  }
  if (auth !== 'form') {
    const basic = `${credentials.clientId}:${credentials.clientSecret}`;

    headers['authorization'] = `Basic ${Buffer.from(basic).toString('base64')}`;
  }

  const response = await fetch(`${harness.baseUrl}/oauth/token`, {
    body: form,
    headers,
    method: 'POST',
  });

  return {
    body: (await response.json()) as Body,
    headers: response.headers,
    status: response.status,
  };
}
