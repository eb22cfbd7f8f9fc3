import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';

import { EventConsumer, type EventConsumerOptions } from '../event-consumer';
import type { SqlExecutor } from '../sql-executor';

import { EventContext } from './event-context';

/**
 * A Nest microservice transport over our `EventConsumer`: every `@EventPattern(type)` handler
 * becomes the consumer's handler for that CloudEvents type, so handlers get validated data,
 * exactly-once processing per group, retries and the dead-letter topic.
 */
export class KafkaEventServer<Tx extends SqlExecutor>
  extends Server
  implements CustomTransportStrategy
{
  private consumer: EventConsumer<Tx> | undefined;

  constructor(private readonly options: EventConsumerOptions<Tx>) {
    super();
  }

  listen(callback: (...optionalParams: unknown[]) => unknown): void {
    const consumer = new EventConsumer<Tx>(this.options);

    for (const [pattern, handler] of this.getHandlers()) {
      consumer.onType(pattern, async (event, tx) => {
        const result = await handler(event.data, new EventContext<Tx>([event, tx]));

        await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
      });
    }
    this.consumer = consumer;
    consumer.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): never {
    throw new Error('KafkaEventServer has no transport events to subscribe to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
