import type { z } from 'zod';

import type { TopicName } from './topics';

/**
 * One event type: its CloudEvents type, the topic it travels on, the schema of its data, and how
 * the Kafka key (the aggregate id) and the CloudEvents subject are taken from the data.
 */
export interface EventDefinition<
  Type extends string = string,
  Schema extends z.ZodType = z.ZodType,
> {
  key: (data: z.infer<Schema>) => string;
  schema: Schema;
  topic: TopicName;
  type: Type;
}

export function defineEvent<Type extends string, Schema extends z.ZodType>(
  definition: EventDefinition<Type, Schema>,
): EventDefinition<Type, Schema> {
  return definition;
}
