import { Inject, Injectable } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';

import { grantKafkaAccess, revokeKafkaAccess } from '@bitaqa/messaging';

import { KAFKA } from '../../messaging/kafka.token';

/** Broker topics and the consumer group prefix that a service's client may use. */
export interface TopicGrant {
  /** Consumer group ids the client may use start with this, such as `health-insurance.`. */
  groupPrefix: string;
  read: readonly string[];
  write: readonly string[];
}

/** Kafka ACLs of a service's client, whose broker principal is `User:<clientId>`. */
export interface TopicAccess {
  /** Adds the ACLs of the grant that the client lacks; granting twice changes nothing. */
  grant(clientId: string, grant: TopicGrant): Promise<void>;
  /** Deletes every ACL of the client; a client without ACLs is left as it is. */
  revokeAll(clientId: string): Promise<void>;
}

export const TOPIC_ACCESS = Symbol('TOPIC_ACCESS');

/**
 * ACLs through the broker's admin API. The app's Kafka client connects on the plaintext
 * listener, whose principal is the broker's super user and may alter ACLs.
 */
@Injectable()
export class KafkaTopicAccess implements TopicAccess {
  constructor(@Inject(KAFKA) private readonly kafka: Kafka) {}

  async grant(clientId: string, grant: TopicGrant): Promise<void> {
    await this.withAdmin((admin) =>
      grantKafkaAccess(admin, {
        clientId,
        groupPrefix: grant.groupPrefix,
        readTopics: grant.read,
        writeTopics: grant.write,
      }),
    );
  }

  async revokeAll(clientId: string): Promise<void> {
    await this.withAdmin((admin) => revokeKafkaAccess(admin, clientId));
  }

  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin();

    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }
}
