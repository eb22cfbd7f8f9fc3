import type { CheckResult, ServiceRequest } from '../application';
import {
  isCatalogueTopic,
  OPEN_CATALOGUE_TOPICS,
  PLATFORM_DOMAINS,
  topicDomain,
} from '../policy/topic-rules';

import type { CheckContext } from './check-context';
import { failed, passed } from './check-result';

/**
 * Every read topic must exist: in the platform's catalogue, among the topics other live
 * services write, or among the service's own write topics.
 */
export function checkReadTopicsExist(request: ServiceRequest, context: CheckContext): CheckResult {
  const known = new Set<string>(request.writeTopics);

  for (const service of context.otherServices) {
    for (const topic of service.writeTopics) known.add(topic);
  }

  const missing = request.readTopics.filter(
    (topic) => !isCatalogueTopic(topic) && !known.has(topic),
  );

  if (missing.length > 0) {
    return failed(
      'READ_TOPICS_EXIST',
      `no catalogue topic or service topic named ${missing.join(', ')}`,
    );
  }

  return passed('READ_TOPICS_EXIST', 'every read topic exists');
}

/** Catalogue topics that carry another ministry's internal data are closed to services. */
export function checkReadTopicsOpen(request: ServiceRequest): CheckResult {
  const closed = request.readTopics.filter(
    (topic) => isCatalogueTopic(topic) && !OPEN_CATALOGUE_TOPICS.has(topic),
  );

  if (closed.length > 0) {
    return failed(
      'READ_TOPICS_OPEN',
      `${closed.join(', ')} ${closed.length > 1 ? 'are' : 'is'} internal to the platform; open topics are ${[...OPEN_CATALOGUE_TOPICS].join(', ')}`,
    );
  }

  return passed('READ_TOPICS_OPEN', 'every read topic is open to outside services');
}

/** The topic domain must be neither a platform domain nor another agency's. */
export function checkTopicDomain(request: ServiceRequest, context: CheckContext): CheckResult {
  if (PLATFORM_DOMAINS.has(request.topicDomain)) {
    return failed('TOPIC_DOMAIN_ALLOWED', `domain ${request.topicDomain} belongs to the platform`);
  }

  const owner = context.otherServices.find(
    (service) => service.topicDomain === request.topicDomain && service.agency !== request.agency,
  );

  if (owner !== undefined) {
    return failed(
      'TOPIC_DOMAIN_ALLOWED',
      `domain ${request.topicDomain} belongs to ${owner.agency} (service ${owner.serviceId})`,
    );
  }

  return passed(
    'TOPIC_DOMAIN_ALLOWED',
    `domain ${request.topicDomain} is free for ${request.agency}`,
  );
}

/** Write topics must sit in the service's own domain and not name a catalogue topic. */
export function checkWriteTopicsInDomain(request: ServiceRequest): CheckResult {
  const outside = request.writeTopics.filter(
    (topic) => topicDomain(topic) !== request.topicDomain || isCatalogueTopic(topic),
  );

  if (outside.length > 0) {
    return failed(
      'WRITE_TOPICS_IN_DOMAIN',
      `${outside.join(', ')} ${outside.length > 1 ? 'are' : 'is'} outside the domain ${request.topicDomain}.*`,
    );
  }

  return passed('WRITE_TOPICS_IN_DOMAIN', `every write topic is under ${request.topicDomain}.*`);
}
