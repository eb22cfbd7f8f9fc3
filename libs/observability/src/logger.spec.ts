import { Writable } from 'node:stream';

import { withCorrelationId } from './correlation';
import { createLogger, errorFields } from './logger';

function captureLines(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });

  return { lines, stream };
}

describe('logger', () => {
  it('adds correlation id and service', () => {
    const { lines, stream } = captureLines();
    const logger = createLogger('civil-records', 'info', stream);

    withCorrelationId('abc-123', () => logger.info({ personId: 7 }, 'person registered'));
    logger.info('outside any request');

    expect(lines[0]).toMatchObject({
      correlationId: 'abc-123',
      msg: 'person registered',
      personId: 7,
      service: 'civil-records',
    });
    expect(lines[1]?.correlationId).toBeUndefined();
  });

  it('redacts secrets in nested fields', () => {
    const { lines, stream } = captureLines();
    const logger = createLogger('identity-registry', 'info', stream);

    logger.info(
      { binding: { otp: '123456', phone: '0944' }, user: { password: 'hunter2' } },
      'mobile bound',
    );

    expect(JSON.stringify(lines[0])).not.toContain('hunter2');
    expect(JSON.stringify(lines[0])).not.toContain('123456');
    expect((lines[0]?.user as Record<string, unknown>).password).toBe('[redacted]');
  });

  it('error fields keep code and cause', () => {
    const error = Object.assign(new Error('outer', { cause: new Error('inner') }), {
      code: 'E_OUTER',
    });
    const fields = errorFields(error);

    expect(fields.code).toBe('E_OUTER');
    expect((fields.cause as Record<string, unknown>).message).toBe('inner');
    expect(fields.stack).toContain('outer');
  });
});
