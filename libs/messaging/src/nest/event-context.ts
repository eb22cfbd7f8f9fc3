import { BaseRpcContext } from '@nestjs/microservices';

import type { CloudEvent } from '../cloud-event';

/** What an `@EventPattern` handler receives through `@Ctx()`: the whole event and the open transaction. */
export class EventContext<Tx> extends BaseRpcContext<[CloudEvent, Tx]> {
  get event(): CloudEvent {
    return this.args[0];
  }

  /** The transaction that also records the event as processed; write through it. */
  get tx(): Tx {
    return this.args[1];
  }
}
