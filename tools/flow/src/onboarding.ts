import type { TokenSource } from '@bitaqa/auth';

import { CountingTokenSource } from './auth/flow-tokens';
import type { PlatformClient } from './auth/platform-clients';
import { callJson, expectStatus, getOk } from './http-json';
import type { RunningPlatform } from './platform';

/** Purpose code the demo agency applies with; it justifies releasing names and birth date. */
export const AGENCY_PURPOSE = 'social-benefit-eligibility';

const AGENCY_ATTRIBUTES = ['birthDate', 'familyNameLatin', 'givenNameAr', 'givenNameLatin'];

/** A service of a partner agency after the card authority approved it. */
export interface OnboardedService {
  /** The credential the approval issued, shown by the authority this once. */
  credentials: ClientSecret;
  /** Technical checks that passed at submission, out of all that ran. */
  checksPassed: { passed: number; total: number };
  /** Second credential an officer created for the service's SMS notices (POST /clients). */
  noticeClientId: string;
  /** Tokens for the identity registry's notices under the service. */
  notices: TokenSource;
  serviceId: string;
  /** Provisioning steps of the approval and how each ended. */
  steps: string[];
  /** Tokens for the identity registry's verifications and releases. */
  tokens: CountingTokenSource;
}

interface ClientSecret {
  clientId: string;
  clientSecret: string;
}

interface ApplicationView {
  checks: { passed: boolean }[];
  id: string;
  operations: { steps: { name: string; status: string }[] }[];
  status: string;
}

interface Decision {
  application: ApplicationView;
  issuedCredentials: ClientSecret | null;
}

function applicationBody(serviceId: string): Record<string, unknown> {
  const domain = serviceId.replace(/[^a-z0-9]/g, '').slice(0, 31);

  return {
    agency: 'Flow Commercial Bank',
    attributes: AGENCY_ATTRIBUTES,
    card: { needsOwnKey: false, slotSizeBytes: 0 },
    contact: {
      email: 'onboarding@flow-bank.example',
      name: 'Lina Darwish',
      phone: '+963 11 222 3344',
    },
    name: 'Household benefit accounts',
    purpose: {
      code: AGENCY_PURPOSE,
      text: 'Open benefit accounts for households and check the holder against the registry.',
    },
    securityLevel: 2,
    serviceId,
    topics: { domain, read: ['authority.card-status'], write: [`${domain}.accounts`] },
  };
}

function credentialSource(platform: RunningPlatform, secret: ClientSecret): CountingTokenSource {
  const client: PlatformClient = {
    audiences: ['identity-registry'],
    ...secret,
    description: '',
    kind: 'service',
    scopes: [],
  };

  return new CountingTokenSource(platform.auth.tokenUrl, client, 'identity-registry');
}

/**
 * Onboards a partner agency's service: the agency applies with its own credential
 * (authority:apply), an officer approves and the authority provisions the service, which returns
 * the service's client credentials once. The officer then creates a second credential for the
 * service's SMS notices with POST /clients.
 */
export async function onboardService(
  platform: RunningPlatform,
  serviceId: string,
): Promise<OnboardedService> {
  const authorityUrl = platform.url('card-authority');
  const officer = platform.auth.operator('card-authority');
  const submitted = await expectStatus<ApplicationView>(
    [200, 201],
    'POST',
    `${authorityUrl}/service-applications`,
    { auth: platform.auth.applicant(), body: applicationBody(serviceId) },
  );
  const decision = await expectStatus<Decision>(
    200,
    'POST',
    `${authorityUrl}/service-applications/${submitted.id}/approve`,
    { auth: officer, body: { reason: 'checks passed; benefit accounts approved for the demo' } },
  );
  const issued = decision.issuedCredentials;

  if (!issued) throw new Error(`approving ${serviceId} returned no client credentials`);

  const notice = await expectStatus<ClientSecret>(201, 'POST', `${authorityUrl}/clients`, {
    auth: officer,
    body: {
      audiences: ['identity-registry'],
      clientId: `${serviceId}-notices`,
      description: `SMS notices of service ${serviceId}`,
      kind: 'service',
      scopes: ['identity:notify'],
      serviceId,
    },
  });

  return {
    checksPassed: {
      passed: submitted.checks.filter((check) => check.passed).length,
      total: submitted.checks.length,
    },
    credentials: issued,
    noticeClientId: notice.clientId,
    notices: credentialSource(platform, notice),
    serviceId,
    steps: (decision.application.operations[0]?.steps ?? []).map(
      (step) => `${step.name} ${step.status}`,
    ),
    tokens: credentialSource(platform, issued),
  };
}

/** Outcome of the suspension at the public catalog, the registry and the token endpoint. */
export interface SuspensionResult {
  /** The service's entry in the public catalog before and after the suspension. */
  catalogStatus: { after: string; before: string };
  /** The identity registry's response to a verification with the token fetched before. */
  heldToken: { code: string; status: number };
  /** The token endpoint's response to a new token request of the suspended credential. */
  newToken: { code: string; status: number };
}

async function catalogStatus(authorityUrl: string, serviceId: string): Promise<string> {
  const catalog = await getOk<{ items: { id: string; status: string }[] }>(
    `${authorityUrl}/services`,
  );

  return catalog.items.find((item) => item.id === serviceId)?.status ?? 'absent';
}

/**
 * Posts a client credentials grant for the service's credential straight to the token endpoint
 * and returns the status and the error code, or `issued` when a token came back.
 */
async function requestNewToken(
  tokenUrl: string,
  credentials: ClientSecret,
): Promise<{ code: string; status: number }> {
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString(
    'base64',
  );
  const response = await fetch(tokenUrl, {
    body: new URLSearchParams({ audience: 'identity-registry', grant_type: 'client_credentials' }),
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    method: 'POST',
  });
  const body = (await response.json().catch(() => ({}))) as { code?: string; error?: string };

  return {
    code: response.ok ? 'issued' : (body.code ?? body.error ?? ''),
    status: response.status,
  };
}

/**
 * Suspends the service as an officer (POST /services/:id/suspend), then shows that the registry
 * rejects the token the service fetched before and that the authority issues no new one.
 */
export async function suspendService(
  platform: RunningPlatform,
  service: OnboardedService,
  person: { birthDate: string; nationalNumber: string },
): Promise<SuspensionResult> {
  const authorityUrl = platform.url('card-authority');
  const before = await catalogStatus(authorityUrl, service.serviceId);

  await expectStatus(200, 'POST', `${authorityUrl}/services/${service.serviceId}/suspend`, {
    auth: platform.auth.operator('card-authority'),
    body: { reason: 'suspended in the demo to show that its tokens stop working' },
  });

  const refused = await callJson<{ error?: { code?: string } }>(
    'POST',
    `${platform.url('identity-registry')}/verifications`,
    { ...person, purpose: AGENCY_PURPOSE },
    service.tokens,
  );

  return {
    catalogStatus: { after: await catalogStatus(authorityUrl, service.serviceId), before },
    heldToken: { code: refused.body.error?.code ?? '', status: refused.status },
    newToken: await requestNewToken(platform.auth.tokenUrl, service.credentials),
  };
}
