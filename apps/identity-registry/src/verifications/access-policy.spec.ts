import type { AgencyPolicy } from '../agencies/agency';

import { decideAccess } from './access-policy';

const policy: AgencyPolicy = {
  approvalReference: 'MSA-2024-17',
  approvedAt: new Date('2024-05-01T00:00:00Z'),
  approvedBy: 'operator-7',
  attributes: ['givenNameAr', 'birthDate'],
  purposes: ['social-benefit-eligibility'],
  requestsPerWindow: null,
  serviceId: 'social-affairs',
  version: 3,
};

describe('decideAccess', () => {
  it('permits granted request', () => {
    const decision = decideAccess('social-affairs', policy, 'social-benefit-eligibility', [
      'birthDate',
    ]);

    expect(decision).toEqual({ permitted: true, policy });
  });

  it('denies without policy', () => {
    const decision = decideAccess('social-affairs', undefined, 'social-benefit-eligibility', []);

    expect(decision).toMatchObject({ permitted: false, denial: { code: 'POLICY_NOT_APPROVED' } });
  });

  it('denies unlisted purpose', () => {
    const decision = decideAccess('social-affairs', policy, 'marketing', ['birthDate']);

    expect(decision).toMatchObject({
      permitted: false,
      denial: { code: 'PURPOSE_NOT_PERMITTED', field: 'purpose', value: 'marketing' },
    });
  });

  it('lists every denied attribute', () => {
    const decision = decideAccess('social-affairs', policy, 'social-benefit-eligibility', [
      'sex',
      'givenNameAr',
      'motherNameAr',
    ]);

    expect(decision).toMatchObject({
      permitted: false,
      denial: { code: 'ATTRIBUTE_NOT_PERMITTED', denied: ['sex', 'motherNameAr'] },
    });
  });

  it('checks purpose before attributes', () => {
    const decision = decideAccess('social-affairs', policy, 'marketing', ['sex']);

    expect(decision).toMatchObject({ denial: { code: 'PURPOSE_NOT_PERMITTED' } });
  });
});
