import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import pino from 'pino';
import request from 'supertest';

import { createHttpApp } from '../src';

@Controller()
class EchoController {
  @Post('oauth/token')
  @HttpCode(200)
  token(@Body() body: unknown): unknown {
    return { received: body };
  }

  @Post('notes')
  @HttpCode(200)
  notes(@Body() body: unknown): unknown {
    return { received: body };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

describe('form bodies', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createHttpApp(EchoModule, {
      formBodyPaths: ['/oauth/token'],
      logger: pino({ level: 'silent' }),
    });
    await app.init();
  });

  afterAll(() => app.close());

  it('parses a form on a listed path', async () => {
    const response = await request(app.getHttpServer())
      .post('/oauth/token')
      .type('form')
      .send('grant_type=client_credentials&scope=a%3Ab+c%3Ad');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      received: { grant_type: 'client_credentials', scope: 'a:b c:d' },
    });
  });

  it('keeps JSON on a listed path', async () => {
    const response = await request(app.getHttpServer()).post('/oauth/token').send({ a: 1 });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ received: { a: 1 } });
  });

  it('rejects a form on another path', async () => {
    const response = await request(app.getHttpServer())
      .post('/notes')
      .type('form')
      .send('text=hello');

    expect(response.status).toBe(415);
    expect(response.body.error).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      field: 'content-type',
    });
  });

  it('rejects a form without the listed paths', async () => {
    const plain = await createHttpApp(EchoModule, { logger: pino({ level: 'silent' }) });

    await plain.init();

    const response = await request(plain.getHttpServer())
      .post('/oauth/token')
      .type('form')
      .send('grant_type=client_credentials');

    await plain.close();

    expect(response.status).toBe(415);
  });
});
