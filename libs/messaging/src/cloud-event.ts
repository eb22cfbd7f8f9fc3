import { randomUUID } from 'node:crypto';

import type { IHeaders, KafkaMessage } from 'kafkajs';
import { z } from 'zod';

import { findEventDefinition, type EventDefinition } from '@bitaqa/contracts';

import { InvalidEventError, type MessageLocation } from './errors';

/** A CloudEvents 1.0 event as our services handle it. */
export interface CloudEvent<Data = unknown> {
  data: Data;
  id: string;
  source: string;
  specversion: '1.0';
  subject?: string;
  time: string;
  type: string;
}

export interface EventMetadata {
  /** Correlation id carried in the `correlationid` extension header. */
  correlationId?: string;
  id?: string;
  /** URI-reference of the producer, such as `/civil-records`. */
  source: string;
  subject?: string;
  time?: Date;
}

/** Validates `data` against the event's schema and wraps it in a CloudEvent. */
export function createCloudEvent<Schema extends z.ZodType>(
  definition: EventDefinition<string, Schema>,
  data: z.infer<Schema>,
  metadata: EventMetadata,
): CloudEvent<z.infer<Schema>> {
  const parsed = definition.schema.safeParse(data);

  if (!parsed.success) {
    throw new InvalidEventError(
      'EVENT_SCHEMA_VIOLATION',
      `refusing to publish ${definition.type}: ${z.prettifyError(parsed.error)}`,
    );
  }

  return {
    data: parsed.data,
    id: metadata.id ?? randomUUID(),
    source: metadata.source,
    specversion: '1.0',
    subject: metadata.subject ?? definition.key(parsed.data),
    time: (metadata.time ?? new Date()).toISOString(),
    type: definition.type,
  };
}

/** CloudEvents Kafka binary mode: attributes as `ce_` headers, data as the JSON value. */
export function toKafkaHeaders(event: CloudEvent, correlationId?: string): Record<string, string> {
  const headers: Record<string, string> = {
    ce_id: event.id,
    ce_source: event.source,
    ce_specversion: event.specversion,
    ce_time: event.time,
    ce_type: event.type,
    'content-type': 'application/json',
  };

  if (event.subject !== undefined) headers.ce_subject = event.subject;
  if (correlationId !== undefined) headers.ce_correlationid = correlationId;

  return headers;
}

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;

  if (first === undefined) return undefined;

  return Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
}

function requiredHeader(message: KafkaMessage, name: string, location: MessageLocation): string {
  const value = headerText(message.headers, name);

  if (!value) {
    throw new InvalidEventError('MISSING_HEADER', `header ${name} is missing`, location);
  }

  return value;
}

function parseJson(message: KafkaMessage, location: MessageLocation): unknown {
  if (!message.value) throw new InvalidEventError('EMPTY_VALUE', 'message has no value', location);

  try {
    return JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    throw new InvalidEventError('MALFORMED_JSON', 'message value is not JSON', location, error);
  }
}

/** Reads a Kafka message as a CloudEvent and validates its data against the event type's schema. */
export function decodeCloudEvent(message: KafkaMessage, location: MessageLocation): CloudEvent {
  const specversion = requiredHeader(message, 'ce_specversion', location);

  if (specversion !== '1.0') {
    throw new InvalidEventError(
      'UNSUPPORTED_SPECVERSION',
      `ce_specversion ${specversion} is not 1.0`,
      location,
    );
  }

  const type = requiredHeader(message, 'ce_type', location);
  const definition = findEventDefinition(type);

  if (!definition) {
    throw new InvalidEventError(
      'UNKNOWN_EVENT_TYPE',
      `event type ${type} is not in the contracts`,
      location,
    );
  }

  const parsed = definition.schema.safeParse(parseJson(message, location));

  if (!parsed.success) {
    throw new InvalidEventError(
      'EVENT_SCHEMA_VIOLATION',
      `${type} data does not match its schema: ${z.prettifyError(parsed.error)}`,
      location,
    );
  }

  return {
    data: parsed.data,
    id: requiredHeader(message, 'ce_id', location),
    source: requiredHeader(message, 'ce_source', location),
    specversion: '1.0',
    subject: headerText(message.headers, 'ce_subject'),
    time: requiredHeader(message, 'ce_time', location),
    type,
  };
}
