/** Another live service, as the checks of an application compare against it. */
export interface OtherService {
  agency: string;
  serviceId: string;
  topicDomain: string;
  writeTopics: readonly string[];
}

/** Data the checks need beyond the application itself. */
export interface CheckContext {
  /** Services that are approved and not revoked, other than the one being checked. */
  otherServices: readonly OtherService[];
  /** Card slots assigned to other services. */
  slotUsage: { assignedCount: number; usedBytes: number };
}
