import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Body, Controller, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import pino from 'pino';
import request from 'supertest';
import { z } from 'zod';

import { createHttpApp, NotFoundError, ZodValidationPipe } from '../src';

const noteSchema = z.strictObject({ text: z.string().min(1).max(40) });

@Controller('notes')
class NotesController {
  @Post()
  create(@Body(new ZodValidationPipe(noteSchema)) note: z.infer<typeof noteSchema>): object {
    return { saved: note.text };
  }

  @Post(':id/archive')
  @HttpCode(204)
  archive(): void {}

  @Get(':id')
  get(@Param('id') id: string): object {
    throw new NotFoundError('NOTE_NOT_FOUND', `no note has id ${id}`, { field: 'id', value: id });
  }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

/** Posts a body with exactly the given headers, which supertest would otherwise fill in. */
async function postRaw(
  server: Server,
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ body?: { error: Record<string, unknown> }; status: number }> {
  const { port } = server.address() as AddressInfo;

  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { headers, host: '127.0.0.1', method: 'POST', path, port },
      (incoming) => {
        let text = '';

        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (text += chunk));
        incoming.on('end', () => {
          try {
            resolve({
              body: text === '' ? undefined : JSON.parse(text),
              status: incoming.statusCode ?? 0,
            });
          } catch (error) {
            reject(error);
          }
        });
      },
    );

    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('request errors', () => {
  let app: INestApplication;
  let server: Server;

  beforeAll(async () => {
    app = await createHttpApp(NotesModule, { logger: pino({ level: 'silent' }) });
    await app.listen(0, '127.0.0.1');
    server = app.getHttpServer();
  });

  afterAll(async () => {
    await app.close();
  });

  describe('media type', () => {
    it('rejects text/plain body with 415', async () => {
      const response = await request(server)
        .post('/notes')
        .set('content-type', 'text/plain')
        .send('{"text":"hello"}');

      expect(response.status).toBe(415);
      expect(response.body.error).toMatchObject({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        field: 'content-type',
        value: 'text/plain',
      });
      expect(response.body.error.hint).toContain('application/json');
      expect(response.body.error.correlationId).toBe(response.headers['x-correlation-id']);
    });

    it('rejects form body with 415', async () => {
      const response = await request(server).post('/notes').type('form').send({ text: 'hello' });

      expect(response.status).toBe(415);
      expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('rejects body without content type', async () => {
      const response = await postRaw(server, '/notes', '{"text":"hello"}', {
        'content-length': '16',
      });

      expect(response.status).toBe(415);
      expect(response.body?.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(response.body?.error.value).toBeUndefined();
    });

    it('rejects chunked body without content type', async () => {
      const response = await postRaw(server, '/notes', '{"text":"hello"}', {
        'transfer-encoding': 'chunked',
      });

      expect(response.status).toBe(415);
    });

    it('accepts JSON with charset', async () => {
      const response = await request(server)
        .post('/notes')
        .set('content-type', 'application/json; charset=utf-8')
        .send('{"text":"hello"}');

      expect(response.status).toBe(201);
      expect(response.body).toEqual({ saved: 'hello' });
    });

    it('rejects non-UTF-8 charset', async () => {
      const response = await request(server)
        .post('/notes')
        .set('content-type', 'application/json; charset=latin1')
        .send('{"text":"hello"}');

      expect(response.status).toBe(415);
      expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('accepts empty POST without type', async () => {
      const response = await postRaw(server, '/notes/7/archive', '', { 'content-length': '0' });

      expect(response.status).toBe(204);
    });
  });

  describe('unknown route', () => {
    it('answers 404 ROUTE_NOT_FOUND', async () => {
      const response = await request(server).get('/nowhere/5').query({ secret: 'x' });

      expect(response.status).toBe(404);
      expect(response.body.error).toMatchObject({
        code: 'ROUTE_NOT_FOUND',
        details: { method: 'GET', path: '/nowhere/5' },
        field: 'path',
        message: 'no route matches GET /nowhere/5',
        value: '/nowhere/5',
      });
      expect(response.body.error.hint).toMatch(/method and path/);
      expect(JSON.stringify(response.body)).not.toContain('secret');
    });

    it('names the method', async () => {
      const response = await request(server).delete('/notes');

      expect(response.status).toBe(404);
      expect(response.body.error.details).toEqual({ method: 'DELETE', path: '/notes' });
    });

    it('keeps handler not-found codes', async () => {
      const response = await request(server).get('/notes/9');

      expect(response.status).toBe(404);
      expect(response.body.error).toMatchObject({ code: 'NOTE_NOT_FOUND', value: '9' });
    });
  });

  describe('echoed value', () => {
    it('omits large body of wrong shape', async () => {
      const body = Array.from({ length: 50 }, (_, index) => ({ text: `note ${index}` }));
      const response = await request(server).post('/notes').send(body);

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error).not.toHaveProperty('value');
      expect(response.body.error.details.issues[0]).not.toHaveProperty('value');
    });

    it('echoes small body of wrong shape', async () => {
      const response = await request(server).post('/notes').send([1, 2]);

      expect(response.status).toBe(400);
      expect(response.body.error.value).toEqual([1, 2]);
    });

    it('omits long string value', async () => {
      const response = await request(server)
        .post('/notes')
        .send({ text: 'x'.repeat(1_000) });

      expect(response.status).toBe(400);
      expect(response.body.error.field).toBe('text');
      expect(response.body.error).not.toHaveProperty('value');
    });

    it('echoes the unknown key value only', async () => {
      const response = await request(server)
        .post('/notes')
        .send({ padding: 'y'.repeat(400), tag: 'blue', text: 'hello' });

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ field: 'padding' });
      expect(response.body.error).not.toHaveProperty('value');
      expect(response.body.error.details.issues).toEqual([
        { field: 'padding', message: expect.any(String) },
      ]);
    });
  });
});
