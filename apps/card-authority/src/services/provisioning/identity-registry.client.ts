import { Inject, Injectable } from '@nestjs/common';

import type { TokenSource } from '@bitaqa/auth';

import { ONBOARDING_SETTINGS, type OnboardingSettings } from '../onboarding-settings';

import { ProvisioningError } from './provisioning-error';

/** Injection token of the token source for calls to the identity registry. */
export const REGISTRY_TOKEN_SOURCE = Symbol('REGISTRY_TOKEN_SOURCE');

/** The attribute policy of an agency as the identity registry stores it. */
export interface AgencyPolicyRequest {
  approvalReference: string;
  approvedBy: string;
  attributes: string[];
  purposes: string[];
}

interface RegistryResponse {
  body: unknown;
  status: number;
}

/**
 * Calls the identity registry's agency API: POST /agencies registers a service,
 * PUT /agencies/:serviceId/policy replaces the attributes and purposes it may use, and
 * POST /agencies/:serviceId/suspend and /reinstate turn its access off and on.
 */
@Injectable()
export class IdentityRegistryClient {
  constructor(
    @Inject(ONBOARDING_SETTINGS) private readonly settings: OnboardingSettings,
    @Inject(REGISTRY_TOKEN_SOURCE) private readonly tokens: TokenSource,
  ) {}

  /** Registers the agency's service; one that is already registered is left as it is. */
  async ensureAgency(serviceId: string, name: string): Promise<void> {
    const response = await this.call('POST', '/agencies', { name, serviceId });

    if (response.status === 201 || response.status === 409) {
      return;
    }

    throw this.rejected('POST /agencies', response);
  }

  /** Replaces the agency's policy; the registry records each change as a new version. */
  async setPolicy(serviceId: string, policy: AgencyPolicyRequest): Promise<{ version: number }> {
    const path = `/agencies/${encodeURIComponent(serviceId)}/policy`;
    const response = await this.call('PUT', path, { ...policy, requestsPerWindow: null });

    if (response.status !== 200) {
      throw this.rejected(`PUT ${path}`, response);
    }

    return { version: policyVersion(response.body) ?? 0 };
  }

  /**
   * Replaces the agency's policy with one that grants no attribute. An agency the registry does
   * not know has no policy to withdraw, which counts as done.
   */
  async withdrawPolicy(
    serviceId: string,
    withdrawal: Omit<AgencyPolicyRequest, 'attributes'>,
  ): Promise<{ policyVersion: number | null; withdrawn: boolean }> {
    const path = `/agencies/${encodeURIComponent(serviceId)}/policy`;
    const response = await this.call('PUT', path, {
      ...withdrawal,
      attributes: [],
      requestsPerWindow: null,
    });

    if (response.status === 404) {
      return { policyVersion: null, withdrawn: false };
    }

    if (response.status !== 200) {
      throw this.rejected(`PUT ${path}`, response);
    }

    return { policyVersion: policyVersion(response.body), withdrawn: true };
  }

  /**
   * Suspends the agency, so the registry rejects its tokens, or reinstates it. An agency the
   * registry does not know has nothing to suspend, which counts as done, but reinstating one
   * fails.
   */
  async setAgencyStatus(
    serviceId: string,
    action: 'suspend' | 'reinstate',
    reason: string,
  ): Promise<{ found: boolean }> {
    const path = `/agencies/${encodeURIComponent(serviceId)}/${action}`;
    const response = await this.call('POST', path, { reason });

    if (response.status === 404 && action === 'suspend') {
      return { found: false };
    }

    if (response.status !== 200) {
      throw this.rejected(`POST ${path}`, response);
    }

    return { found: true };
  }

  private async call(method: string, path: string, body: unknown): Promise<RegistryResponse> {
    const url = `${this.settings.identityRegistryUrl}${path}`;
    let response: Response;

    try {
      response = await fetch(url, {
        body: JSON.stringify(body),
        headers: {
          authorization: await this.tokens.authorization(),
          'content-type': 'application/json',
        },
        method,
        signal: AbortSignal.timeout(this.settings.registryTimeoutMs),
      });
    } catch (error) {
      throw new ProvisioningError(
        'IDENTITY_REGISTRY_UNREACHABLE',
        `${method} ${url} failed: ${(error as Error).message}`,
        true,
        { cause: error },
      );
    }

    return { body: await response.json().catch(() => null), status: response.status };
  }

  private rejected(request: string, response: RegistryResponse): ProvisioningError {
    const error = (response.body as { error?: { code?: string; message?: string } } | null)?.error;
    const detail =
      error === undefined ? '' : `: ${error.code ?? ''} ${error.message ?? ''}`.trimEnd();

    // A 5xx or 429 status may pass on a retry. Any other status needs a fix on one side first.
    return new ProvisioningError(
      'IDENTITY_REGISTRY_REJECTED',
      `the identity registry answered ${request} with HTTP ${response.status}${detail}`,
      response.status >= 500 || response.status === 429,
    );
  }
}

function policyVersion(body: unknown): number | null {
  const version = (body as { version?: unknown } | null)?.version;

  return typeof version === 'number' ? version : null;
}
