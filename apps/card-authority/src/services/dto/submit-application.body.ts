import { z } from 'zod';

import { serviceId } from '@bitaqa/contracts';

import { IDENTITY_ATTRIBUTES, SECURITY_LEVELS } from '../policy/identity-attributes';
import { PURPOSE_CODES } from '../policy/purposes';
import { TOPIC_DOMAIN_PATTERN, TOPIC_NAME_PATTERN } from '../policy/topic-rules';

function unique<T>(items: readonly T[]): boolean {
  return new Set(items).size === items.length;
}

const topicName = z
  .string()
  .regex(TOPIC_NAME_PATTERN, 'topic name such as health.claims: <domain>.<aggregate-plural>')
  .max(120);

const topicList = z.array(topicName).max(20).refine(unique, 'list each topic once');

/** The application an agency submits for a new service on the card. */
export const submitApplicationBody = z.strictObject({
  agency: z.string().trim().min(2).max(200),
  attributes: z.array(z.enum(IDENTITY_ATTRIBUTES)).max(IDENTITY_ATTRIBUTES.length).refine(unique, {
    message: 'list each attribute once',
  }),
  card: z.strictObject({
    needsOwnKey: z.boolean(),
    slotSizeBytes: z.number().int().min(0).max(65_535),
  }),
  contact: z.strictObject({
    email: z.email().max(200),
    name: z.string().trim().min(2).max(200),
    phone: z
      .string()
      .regex(/^\+?[0-9 ]{6,20}$/, 'phone number of 6-20 digits, optionally with a leading +'),
  }),
  name: z.string().trim().min(2).max(200),
  purpose: z.strictObject({
    code: z.enum(PURPOSE_CODES, {
      error: `purpose code must be one of ${PURPOSE_CODES.join(', ')}`,
    }),
    text: z.string().trim().min(20).max(2000),
  }),
  securityLevel: z.union(SECURITY_LEVELS.map((level) => z.literal(level))),
  serviceId,
  topics: z.strictObject({
    domain: z
      .string()
      .regex(TOPIC_DOMAIN_PATTERN, 'one lowercase word of 2-31 letters and digits, such as health'),
    read: topicList,
    write: topicList,
  }),
});

export type SubmitApplicationBody = z.infer<typeof submitApplicationBody>;
