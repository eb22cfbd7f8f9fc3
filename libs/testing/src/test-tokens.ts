import { SignedTokenSource, TokenSigner, type TokenKind, type TokenSource } from '@bitaqa/auth';

let signer: Promise<TokenSigner> | undefined;

/**
 * The local platform's token signer: the card authority's key that infra/up.sh writes, so tokens
 * made in tests pass the same checks as the authority's own.
 */
export function localTokenSigner(): Promise<TokenSigner> {
  const file = process.env['AUTH_TOKEN_KEY_FILE'];
  const issuer = process.env['AUTH_ISSUER'];

  if (!file || !issuer) {
    throw new Error('AUTH_TOKEN_KEY_FILE and AUTH_ISSUER are unset; source .bitaqa/env first');
  }

  signer ??= TokenSigner.fromJwkFile(issuer, file);

  return signer;
}

export interface TestTokenOptions {
  audience: string;
  scopes: readonly string[];
  kind?: TokenKind;
  subject?: string;
  serviceId?: string;
  stationCode?: string;
  ttlSeconds?: number;
}

function request(options: TestTokenOptions) {
  return {
    audience: options.audience,
    kind: options.kind ?? 'operator',
    scopes: options.scopes,
    subject: options.subject ?? `test-${options.kind ?? 'operator'}`,
    ttlSeconds: options.ttlSeconds ?? 600,
    ...(options.serviceId === undefined ? {} : { serviceId: options.serviceId }),
    ...(options.stationCode === undefined ? {} : { stationCode: options.stationCode }),
  };
}

/** An `Authorization` header value with a freshly signed token. */
export async function testAuthorization(options: TestTokenOptions): Promise<string> {
  const signed = await (await localTokenSigner()).sign(request(options));

  return `Bearer ${signed.token}`;
}

/** A token source that signs with the local key, for apps under test that call other apps. */
export async function testTokenSource(options: TestTokenOptions): Promise<TokenSource> {
  return new SignedTokenSource(await localTokenSigner(), request(options));
}
