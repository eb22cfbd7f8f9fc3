import { choosePlacement, type Membership } from './placement';

function membership(familyId: string, role: Membership['role'], since: string): Membership {
  return { familyId, memberSince: new Date(since), role };
}

describe('choosePlacement', () => {
  it('returns null without memberships', () => {
    expect(choosePlacement([])).toBeNull();
  });

  it('takes the only membership', () => {
    expect(choosePlacement([membership('FAM-SY01-000001', 'child', '2020-01-01')])).toEqual({
      familyId: 'FAM-SY01-000001',
      familyRole: 'child',
    });
  });

  it('prefers head over child', () => {
    const placement = choosePlacement([
      membership('FAM-SY01-000001', 'child', '2021-01-01'),
      membership('FAM-SY01-000002', 'head', '2020-01-01'),
    ]);

    expect(placement).toEqual({ familyId: 'FAM-SY01-000002', familyRole: 'head' });
  });

  it('prefers wife over a newer child listing', () => {
    const placement = choosePlacement([
      membership('FAM-SY01-000002', 'wife', '2020-01-01'),
      membership('FAM-SY01-000001', 'child', '2024-01-01'),
    ]);

    expect(placement).toEqual({ familyId: 'FAM-SY01-000002', familyRole: 'wife' });
  });

  it('prefers the newest family of a remarried wife', () => {
    const placement = choosePlacement([
      membership('FAM-SY01-000007', 'wife', '2015-03-01'),
      membership('FAM-SY01-000003', 'wife', '2019-06-01'),
      membership('FAM-SY01-000001', 'child', '2001-01-01'),
    ]);

    expect(placement).toEqual({ familyId: 'FAM-SY01-000003', familyRole: 'wife' });
  });

  it('breaks exact ties by family id', () => {
    const forward = choosePlacement([
      membership('FAM-SY01-000001', 'wife', '2019-06-01'),
      membership('FAM-SY01-000002', 'wife', '2019-06-01'),
    ]);
    const backward = choosePlacement([
      membership('FAM-SY01-000002', 'wife', '2019-06-01'),
      membership('FAM-SY01-000001', 'wife', '2019-06-01'),
    ]);

    expect(forward).toEqual(backward);
  });
});
