import { getOk } from './http-json';
import { pickCouple, runCivilStep, type CivilStepResult } from './civil-step';
import { runIdentityStep, type IdentityStepResult } from './identity-step';
import { onboardService, suspendService, type SuspensionResult } from './onboarding';
import type { RunningPlatform } from './platform';

/** The partner agency's service from application to suspension. */
export interface AgencyStepResult {
  checksPassed: { passed: number; total: number };
  clientId: string;
  noticeClientId: string;
  serviceId: string;
  /** Provisioning steps of the approval, as `<name> <status>`. */
  steps: string[];
  suspension: SuspensionResult;
  /** Tokens the service's own credential received before it was suspended. */
  tokensFetched: number;
}

export interface RegistryStepResult {
  agency: AgencyStepResult;
  /** Card of the divorced husband, left out of the later steps because his family changed. */
  cardNumber: string;
  civil: CivilStepResult;
  identity: IdentityStepResult;
}

interface CardView {
  familyId: string | null;
  nationalNumber: string;
}

/**
 * Runs the civil records and identity registry step on the family of the first card holder
 * whose book has exactly one wife and a child. A partner agency's service is onboarded at the
 * card authority, verifies the corrected husband at the registry, and is suspended at the end.
 * Returns undefined when no family fits.
 */
export async function runRegistryStep(
  platform: RunningPlatform,
  cardNumbers: string[],
  documentsDir: string,
  agencyServiceId: string,
): Promise<RegistryStepResult | undefined> {
  const civilUrl = platform.url('civil-records');
  const clerk = platform.auth.operator('civil-records');
  const filedBefore = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);

  for (const cardNumber of cardNumbers) {
    const card = await getOk<CardView>(
      `${platform.url('card-authority')}/cards/${cardNumber}`,
      platform.auth.operator('card-authority'),
    );
    const couple = await pickCouple(civilUrl, clerk, [card], filedBefore);

    if (!couple) continue;

    const civil = await runCivilStep(civilUrl, clerk, couple, documentsDir);
    const service = await onboardService(platform, agencyServiceId);
    const identity = await runIdentityStep(
      platform.url('identity-registry'),
      platform.auth.operator('identity-registry'),
      service,
      platform.sms,
      { ...civil.person, formerGivenNameAr: civil.correction.from },
    );
    const tokensFetched = service.tokens.fetched;
    const suspension = await suspendService(platform, service, civil.person);

    return {
      agency: {
        checksPassed: service.checksPassed,
        clientId: service.credentials.clientId,
        noticeClientId: service.noticeClientId,
        serviceId: service.serviceId,
        steps: service.steps,
        suspension,
        tokensFetched,
      },
      cardNumber,
      civil,
      identity,
    };
  }

  return undefined;
}
