import type { FamilyPlacement, FamilyRole } from '../identities/identity';

/** One person's place in one family book, from that family's latest snapshot. */
export interface Membership {
  familyId: string;
  /** When the family's snapshots first listed the person. */
  memberSince: Date;
  role: FamilyRole;
}

/** Head and wife come from a person's own family; child only from the parents' family. */
function rank(role: FamilyRole): number {
  return role === 'child' ? 0 : 1;
}

function compareMemberships(left: Membership, right: Membership): number {
  return (
    rank(right.role) - rank(left.role) ||
    right.memberSince.getTime() - left.memberSince.getTime() ||
    right.familyId.localeCompare(left.familyId)
  );
}

/**
 * Chooses the family and role a person's identity shows when several family books list them.
 * A head or wife role beats a child role, because a married person is listed both in their own
 * family and, as a child, in their parents'. Among equal ranks the family that listed the person
 * most recently wins, so a remarried widow shows her new family. The family id breaks exact ties
 * so the choice never depends on row order. Returns null when no family lists the person.
 */
export function choosePlacement(memberships: readonly Membership[]): FamilyPlacement | null {
  const chosen = [...memberships].sort(compareMemberships)[0];

  return chosen === undefined ? null : { familyId: chosen.familyId, familyRole: chosen.role };
}
