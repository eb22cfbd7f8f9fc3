import type { IHeaders, KafkaMessage, Producer } from 'kafkajs';

import { errorCode } from './errors';

export interface DeadLetterParams {
  consumerGroup: string;
  deadLetterTopic: string;
  error: unknown;
  message: KafkaMessage;
  partition: number;
  sourceTopic: string;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Parks a message on the dead-letter topic with its original key, value and headers, plus
 * `dlq_*` headers that say where it came from and why it was parked, for an operator to replay.
 */
export async function sendToDeadLetter(
  producer: Producer,
  params: DeadLetterParams,
): Promise<void> {
  const headers: IHeaders = {
    ...params.message.headers,
    dlq_consumer_group: params.consumerGroup,
    dlq_error_code: errorCode(params.error),
    dlq_failed_at: new Date().toISOString(),
    dlq_reason: reasonOf(params.error).slice(0, 2000),
    dlq_source_offset: params.message.offset,
    dlq_source_partition: String(params.partition),
    dlq_source_topic: params.sourceTopic,
  };

  await producer.send({
    acks: -1,
    messages: [{ headers, key: params.message.key, value: params.message.value }],
    topic: params.deadLetterTopic,
  });
}
