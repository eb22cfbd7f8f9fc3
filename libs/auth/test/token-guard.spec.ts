import { Controller, Get, type INestApplication, Module } from '@nestjs/common';

import { createHttpApp } from '@bitaqa/http';
import { createLogger } from '@bitaqa/observability';

import {
  AuthModule,
  CurrentPrincipal,
  type Principal,
  Public,
  RequireScopes,
  TokenSigner,
} from '../src';

/**
 * Signs a token with the local platform's key, which the app under test checks through
 * AUTH_JWKS_FILE. `@bitaqa/testing` has the same helper, but it depends on this library.
 */
async function testAuthorization(options: {
  audience: string;
  scopes: string[];
  subject?: string;
}): Promise<string> {
  const signer = await TokenSigner.fromJwkFile(
    process.env['AUTH_ISSUER'] as string,
    process.env['AUTH_TOKEN_KEY_FILE'] as string,
  );
  const { token } = await signer.sign({
    audience: options.audience,
    kind: 'operator',
    scopes: options.scopes,
    subject: options.subject ?? 'test-operator',
    ttlSeconds: 600,
  });

  return `Bearer ${token}`;
}

@Controller()
class SampleController {
  @Get('health')
  @Public()
  health(): { ok: true } {
    return { ok: true };
  }

  @Get('balances')
  @RequireScopes('sample:read')
  balances(@CurrentPrincipal() principal: Principal): { caller: string } {
    return { caller: principal.clientId };
  }

  @Get('forgotten')
  forgotten(): { open: true } {
    return { open: true };
  }
}

@Controller('catalog')
@Public()
class CatalogController {
  @Get()
  list(): { ok: true } {
    return { ok: true };
  }

  @Get('drafts')
  @RequireScopes('sample:write')
  drafts(): { ok: true } {
    return { ok: true };
  }
}

@Module({
  controllers: [SampleController, CatalogController],
  imports: [AuthModule.forRoot({ audience: 'sample' })],
})
class SampleModule {}

describe('TokenGuard on a real HTTP app', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    app = await createHttpApp(SampleModule, { logger: createLogger('auth-test', 'silent') });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(() => app.close());

  interface Answer {
    body: { caller?: string; error?: { code: string; value?: unknown }; ok?: boolean };
    challenge: string | null;
    status: number;
  }

  async function call(path: string, authorization?: string): Promise<Answer> {
    const response = await fetch(
      `${url}${path}`,
      authorization ? { headers: { authorization } } : {},
    );

    return {
      body: (await response.json()) as Answer['body'],
      challenge: response.headers.get('www-authenticate'),
      status: response.status,
    };
  }

  it('lets anyone reach a public route', async () => {
    expect(await call('/health')).toMatchObject({ body: { ok: true }, status: 200 });
  });

  it('passes a token with the scope and hands the principal to the handler', async () => {
    const authorization = await testAuthorization({
      audience: 'sample',
      scopes: ['sample:read'],
      subject: 'ops-1',
    });

    expect(await call('/balances', authorization)).toMatchObject({
      body: { caller: 'ops-1' },
      status: 200,
    });
  });

  it('answers 401 without a token and 403 without the scope', async () => {
    const other = await testAuthorization({ audience: 'sample', scopes: ['sample:write'] });
    const missing = await call('/balances');
    const unscoped = await call('/balances', other);

    expect(missing.status).toBe(401);
    expect(missing.body.error?.code).toBe('TOKEN_MISSING');
    expect(missing.challenge).toBe(
      'Bearer realm="sample", error="invalid_token", error_description="TOKEN_MISSING"',
    );
    expect(unscoped.status).toBe(403);
    expect(unscoped.body.error).toMatchObject({ code: 'SCOPE_MISSING', value: ['sample:read'] });
  });

  it('handler scope beats public controller', async () => {
    const open = await call('/catalog');
    const scoped = await call('/catalog/drafts');

    expect(open.status).toBe(200);
    expect(scoped.status).toBe(401);
  });

  it('keeps a route without a scope closed even to a valid token', async () => {
    const authorization = await testAuthorization({ audience: 'sample', scopes: ['sample:read'] });
    const answer = await call('/forgotten', authorization);

    expect(answer.status).toBe(403);
    expect(answer.body.error?.code).toBe('ROUTE_NOT_OPEN');
  });
});
