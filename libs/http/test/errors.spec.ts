import { Body, Controller, Module, Post, type INestApplication } from '@nestjs/common';
import pino from 'pino';
import request from 'supertest';
import { z } from 'zod';

import { createHttpApp, RuleViolationError, ZodValidationPipe } from '../src';

const orderSchema = z.strictObject({
  litres: z.number().int().positive(),
  product: z.enum(['diesel', 'gas']),
});

@Controller('orders')
class OrdersController {
  @Post()
  create(@Body(new ZodValidationPipe(orderSchema)) order: z.infer<typeof orderSchema>): object {
    if (order.litres > 100) {
      throw new RuleViolationError('QUOTA_EXCEEDED', 'order exceeds the quota', {
        field: 'litres',
        hint: 'order 100 litres or fewer',
        value: order.litres,
      });
    }
    if (order.product === 'gas' && order.litres === 13) throw new Error('database connection lost');

    return { accepted: true };
  }
}

@Module({ controllers: [OrdersController] })
class OrdersModule {}

describe('HTTP error bodies', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createHttpApp(OrdersModule, { logger: pino({ level: 'silent' }) });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  const post = (body: string) =>
    request(app.getHttpServer()).post('/orders').set('content-type', 'application/json').send(body);

  it('valid request accepted', async () => {
    const response = await post('{"litres":20,"product":"diesel"}');

    expect(response.status).toBe(201);
    expect(response.headers['x-correlation-id']).toBeTruthy();
  });

  it('malformed JSON is 400 MALFORMED_JSON', async () => {
    const response = await post('{"litres":');

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('MALFORMED_JSON');
  });

  it('invalid field names field and value', async () => {
    const response = await post('{"litres":-5,"product":"diesel"}');

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.field).toBe('litres');
    expect(response.body.error.value).toBe(-5);
    expect(response.body.error.hint).toBeTruthy();
  });

  it('unknown key named as the field', async () => {
    const response = await post('{"litres":5,"product":"diesel","litre":5}');

    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('litre');
  });

  it('rule violation is 422 with code', async () => {
    const response = await post('{"litres":500,"product":"diesel"}');

    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      field: 'litres',
      value: 500,
    });
  });

  it('unexpected error is 500 without internals', async () => {
    const response = await post('{"litres":13,"product":"gas"}');

    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(response.body)).not.toContain('database connection lost');
    expect(response.body.error.correlationId).toBe(response.headers['x-correlation-id']);
  });
});
