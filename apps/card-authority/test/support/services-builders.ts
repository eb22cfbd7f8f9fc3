import { randomBytes } from 'node:crypto';

import type { ApplicationView, CheckCode, CheckResult } from '../../src/services/application';
import type { DecisionResult } from '../../src/services/applications/service-decisions.service';
import type { SubmitApplicationBody } from '../../src/services/dto/submit-application.body';

import { authorityAuthorization, type Harness, type HttpResult } from './harness';

/** Builds a service id and a topic domain that are unique within the test run. */
export function uniqueService(label: string): { domain: string; serviceId: string } {
  const suffix = randomBytes(3).toString('hex');

  return { domain: `${label}${suffix}`.replace(/[^a-z0-9]/g, ''), serviceId: `${label}-${suffix}` };
}

type Overrides = Partial<Omit<SubmitApplicationBody, 'card' | 'purpose' | 'topics'>> & {
  card?: Partial<SubmitApplicationBody['card']>;
  purpose?: Partial<SubmitApplicationBody['purpose']>;
  topics?: Partial<SubmitApplicationBody['topics']>;
};

/**
 * Builds a health insurance application that passes every check: names, birth date and status at
 * security level 2, the hotlist to read, one topic of its own to write, and a 128-byte slot.
 */
export function healthApplication(overrides: Overrides = {}): SubmitApplicationBody {
  const { domain, serviceId } = uniqueService('health');
  const { card, purpose, topics, ...rest } = overrides;

  return {
    agency: 'Ministry of Health',
    attributes: ['birthDate', 'familyNameAr', 'givenNameAr', 'status'],
    card: { needsOwnKey: true, slotSizeBytes: 128, ...card },
    contact: { email: 'onboarding@moh.gov.sy', name: 'Rania Haddad', phone: '+963 11 123 4567' },
    name: 'National health insurance',
    purpose: {
      code: 'health-insurance',
      text: 'Enrol insured people and keep the insurance roll current when a person dies.',
      ...purpose,
    },
    securityLevel: 2,
    serviceId,
    topics: {
      domain,
      read: ['authority.card-status'],
      write: [`${domain}.claims`],
      ...topics,
    },
    ...rest,
  };
}

/** Signs an Authorization header for an agency whose credential may apply for services. */
export function agencyAuthorization(): Promise<string> {
  return authorityAuthorization(['authority:apply'], 'agency-health');
}

export async function submit(
  harness: Harness,
  body: unknown,
): Promise<HttpResult<ApplicationView & { error?: { code: string; field?: string } }>> {
  return harness.http('POST', '/service-applications', body, await agencyAuthorization());
}

/** Submits an application that must be accepted, and returns it. */
export async function submitted(
  harness: Harness,
  body: SubmitApplicationBody,
): Promise<ApplicationView> {
  const { body: view, status } = await submit(harness, body);

  if (status !== 201)
    throw new Error(`POST /service-applications returned ${status}: ${JSON.stringify(view)}`);

  return view;
}

export async function approve(
  harness: Harness,
  id: string,
): Promise<HttpResult<DecisionResult & { error?: { code: string } }>> {
  return harness.http('POST', `/service-applications/${id}/approve`, {
    reason: 'meets the technical conditions',
  });
}

export function check(checks: readonly CheckResult[], code: CheckCode): CheckResult {
  const found = checks.find((result) => result.code === code);

  if (found === undefined) throw new Error(`no check ${code} in ${JSON.stringify(checks)}`);

  return found;
}

/** Codes of the checks that failed, sorted. */
export function failedChecks(checks: readonly CheckResult[]): CheckCode[] {
  return checks
    .filter((result) => !result.passed)
    .map((result) => result.code)
    .sort();
}
