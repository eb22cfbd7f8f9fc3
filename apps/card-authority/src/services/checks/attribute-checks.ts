import type { CheckResult, ServiceRequest } from '../application';
import { ATTRIBUTE_SECURITY_LEVELS } from '../policy/identity-attributes';
import { purposeRule } from '../policy/purposes';

import { failed, passed } from './check-result';

/** Every requested attribute must be one that the purpose code justifies. */
export function checkAttributesJustified(request: ServiceRequest): CheckResult {
  const allowed = new Set<string>(purposeRule(request.purposeCode).attributes);
  const unjustified = request.attributes.filter((attribute) => !allowed.has(attribute));

  if (unjustified.length > 0) {
    return failed(
      'ATTRIBUTES_JUSTIFIED',
      `purpose ${request.purposeCode} does not justify ${unjustified.join(', ')}`,
    );
  }

  return passed(
    'ATTRIBUTES_JUSTIFIED',
    `purpose ${request.purposeCode} justifies every requested attribute`,
  );
}

/** The service's security level must reach the level of its most sensitive attribute. */
export function checkSecurityLevel(request: ServiceRequest): CheckResult {
  const needed = request.attributes.reduce(
    (level, attribute) => Math.max(level, ATTRIBUTE_SECURITY_LEVELS[attribute]),
    1,
  );

  if (request.securityLevel < needed) {
    const sensitive = request.attributes.filter(
      (attribute) => ATTRIBUTE_SECURITY_LEVELS[attribute] > request.securityLevel,
    );

    return failed(
      'SECURITY_LEVEL_SUFFICIENT',
      `security level ${request.securityLevel} is too low for ${sensitive.join(', ')}, which need level ${needed}`,
    );
  }

  return passed(
    'SECURITY_LEVEL_SUFFICIENT',
    `security level ${request.securityLevel} covers the requested attributes (level ${needed} needed)`,
  );
}
