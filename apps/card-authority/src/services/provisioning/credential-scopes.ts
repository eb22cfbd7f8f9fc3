import type { ServiceRequest } from '../application';
import { purposeRule } from '../policy/purposes';

/**
 * Audiences of a service's tokens: the identity registry for lookups, the Kafka broker's SASL
 * listener for its topics, and the card authority, where its agency applies for changes.
 */
export const SERVICE_AUDIENCES = ['card-authority', 'identity-registry', 'kafka'] as const;

/**
 * Scopes of a service's credential. identity:verify comes with any identity attribute, and
 * identity:release only when the purpose justifies receiving values. authority:apply lets the
 * agency's service apply for changes, and gives every credential at least one scope.
 */
export function credentialScopes(request: ServiceRequest): string[] {
  const scopes = ['authority:apply'];

  if (request.attributes.length > 0) {
    scopes.push('identity:verify');

    if (purposeRule(request.purposeCode).releasesAttributes) scopes.push('identity:release');
  }

  return scopes.sort();
}
