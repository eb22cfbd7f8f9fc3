import { FamilyUpdated, PersonRegistered } from '@bitaqa/contracts';

import {
  familyData,
  freshFamilyId,
  freshNationalNumber,
  member,
  personData,
} from './support/civil-builders';
import { RegistryHarness } from './support/registry-harness';

describe('family placement from snapshots', () => {
  const harness = new RegistryHarness('families');

  beforeAll(() => harness.start());

  afterAll(() => harness.stop());

  async function placementOf(nationalNumber: string): Promise<unknown> {
    const response = await harness.readIdentity(nationalNumber);

    return { familyId: response.body.familyId, familyRole: response.body.familyRole };
  }

  it('applies a snapshot that came first', async () => {
    const husband = personData();
    const wife = personData({ givenNameAr: 'آمنة', sex: 'F' });
    const familyId = freshFamilyId();
    const snapshot = await harness.publisher.publish(
      FamilyUpdated,
      familyData(familyId, 1, [
        member(husband.nationalNumber, 'head'),
        member(wife.nationalNumber, 'wife'),
      ]),
    );

    await harness.waitForHandled(snapshot);

    const beforeRegistration = await harness.query('SELECT national_number FROM identities');

    expect(beforeRegistration).toHaveLength(0);

    const registrations = [
      await harness.publisher.publish(PersonRegistered, husband),
      await harness.publisher.publish(PersonRegistered, wife),
    ];

    await harness.waitForHandled(...registrations);

    expect(await placementOf(husband.nationalNumber)).toEqual({ familyId, familyRole: 'head' });
    expect(await placementOf(wife.nationalNumber)).toEqual({ familyId, familyRole: 'wife' });
    expect(await harness.identityUpdates(wife.nationalNumber)).toHaveLength(1);
  });

  it('places a registered person when listed', async () => {
    const child = personData({ birthDate: '2015-06-01', reason: 'birth' });
    const registered = await harness.publisher.publish(PersonRegistered, child);

    await harness.waitForHandled(registered);

    const familyId = freshFamilyId();
    const snapshot = await harness.publisher.publish(
      FamilyUpdated,
      familyData(familyId, 3, [
        member(freshNationalNumber(), 'head'),
        member(child.nationalNumber, 'child'),
      ]),
    );

    await harness.waitForHandled(snapshot);

    const updates = await harness.identityUpdates(child.nationalNumber);

    expect(await placementOf(child.nationalNumber)).toEqual({ familyId, familyRole: 'child' });
    expect(updates).toHaveLength(2);
    expect(updates[1]).toMatchObject({ familyId, familyRole: 'child', version: 2 });
  });

  it('prefers own family over parents', async () => {
    const son = personData();
    const parentsFamily = freshFamilyId();
    const ownFamily = freshFamilyId();
    const own = await harness.publisher.publish(
      FamilyUpdated,
      familyData(ownFamily, 1, [member(son.nationalNumber, 'head')]),
      { time: new Date('2010-01-01T00:00:00Z') },
    );
    const parents = await harness.publisher.publish(
      FamilyUpdated,
      familyData(parentsFamily, 4, [
        member(freshNationalNumber(), 'head'),
        member(son.nationalNumber, 'child'),
      ]),
      { time: new Date('2020-01-01T00:00:00Z') },
    );
    const registered = await harness.publisher.publish(PersonRegistered, son);

    await harness.waitForHandled(own, parents, registered);

    expect(await placementOf(son.nationalNumber)).toEqual({
      familyId: ownFamily,
      familyRole: 'head',
    });
  });

  it('prefers newest family of remarried wife', async () => {
    const woman = personData({ givenNameAr: 'ليلى', sex: 'F' });
    const firstFamily = freshFamilyId();
    const secondFamily = freshFamilyId();
    const firstHead = freshNationalNumber();
    const registered = await harness.publisher.publish(PersonRegistered, woman);
    const firstMarriage = await harness.publisher.publish(
      FamilyUpdated,
      familyData(firstFamily, 1, [member(firstHead, 'head'), member(woman.nationalNumber, 'wife')]),
      { time: new Date('2005-01-01T00:00:00Z') },
    );

    await harness.waitForHandled(registered, firstMarriage);

    const secondMarriage = await harness.publisher.publish(
      FamilyUpdated,
      familyData(secondFamily, 1, [
        member(freshNationalNumber(), 'head'),
        member(woman.nationalNumber, 'wife'),
      ]),
      { time: new Date('2012-01-01T00:00:00Z') },
    );

    await harness.waitForHandled(secondMarriage);

    expect(await placementOf(woman.nationalNumber)).toEqual({
      familyId: secondFamily,
      familyRole: 'wife',
    });

    const firstFamilyLater = await harness.publisher.publish(
      FamilyUpdated,
      familyData(
        firstFamily,
        2,
        [member(firstHead, 'head', { alive: false }), member(woman.nationalNumber, 'wife')],
        { reason: 'death' },
      ),
      { time: new Date('2016-01-01T00:00:00Z') },
    );

    await harness.waitForHandled(firstFamilyLater);

    expect(await placementOf(woman.nationalNumber)).toEqual({
      familyId: secondFamily,
      familyRole: 'wife',
    });
  });

  it('ignores an older snapshot version', async () => {
    const head = personData();
    const child = personData({ birthDate: '2018-02-02' });
    const familyId = freshFamilyId();
    const registrations = [
      await harness.publisher.publish(PersonRegistered, head),
      await harness.publisher.publish(PersonRegistered, child),
    ];
    await harness.waitForHandled(...registrations);

    const newer = await harness.publisher.publish(
      FamilyUpdated,
      familyData(familyId, 2, [
        member(head.nationalNumber, 'head'),
        member(child.nationalNumber, 'child'),
      ]),
    );

    await harness.waitForHandled(newer);

    const older = await harness.publisher.publish(
      FamilyUpdated,
      familyData(familyId, 1, [member(head.nationalNumber, 'head')]),
    );

    await harness.waitForHandled(older);

    const [family] = await harness.query<{ version: number }>(
      'SELECT version FROM families WHERE family_id = $1',
      [familyId],
    );

    expect(family?.version).toBe(2);
    expect(await placementOf(child.nationalNumber)).toEqual({ familyId, familyRole: 'child' });
    expect(await harness.identityUpdates(child.nationalNumber)).toHaveLength(2);
  });

  it('clears placement when dropped from snapshot', async () => {
    const head = personData();
    const wife = personData({ sex: 'F' });
    const familyId = freshFamilyId();
    const registrations = [
      await harness.publisher.publish(PersonRegistered, head),
      await harness.publisher.publish(PersonRegistered, wife),
    ];
    const married = await harness.publisher.publish(
      FamilyUpdated,
      familyData(familyId, 1, [
        member(head.nationalNumber, 'head'),
        member(wife.nationalNumber, 'wife'),
      ]),
    );

    await harness.waitForHandled(...registrations, married);

    const divorced = await harness.publisher.publish(
      FamilyUpdated,
      familyData(familyId, 2, [member(head.nationalNumber, 'head')], { reason: 'divorce' }),
    );

    await harness.waitForHandled(divorced);

    expect(await placementOf(wife.nationalNumber)).toEqual({ familyId: null, familyRole: null });
    expect(await placementOf(head.nationalNumber)).toEqual({ familyId, familyRole: 'head' });
  });

  it('dead-letters a snapshot listing one person twice', async () => {
    const head = freshNationalNumber();
    const snapshot = await harness.publisher.publish(
      FamilyUpdated,
      familyData(freshFamilyId(), 1, [member(head, 'head'), member(head, 'child')]),
    );
    const parked = await harness.deadLetters.waitForEvent(snapshot.id);

    expect(parked.headers?.dlq_error_code?.toString()).toBe('FAMILY_MEMBER_REPEATED');
  });

  it('creates no identity from snapshots alone', async () => {
    const members = [
      member(freshNationalNumber(), 'head'),
      member(freshNationalNumber(), 'wife'),
      member(freshNationalNumber(), 'child'),
    ];
    const numbers = members.map((entry) => entry.nationalNumber);
    const snapshot = await harness.publisher.publish(
      FamilyUpdated,
      familyData(freshFamilyId(), 1, members),
    );

    await harness.waitForHandled(snapshot);

    const memberships = await harness.query(
      'SELECT role FROM family_memberships WHERE national_number = ANY($1::text[])',
      [numbers],
    );
    const identities = await harness.query(
      'SELECT 1 FROM identities WHERE national_number = ANY($1::text[])',
      [numbers],
    );
    const outbox = await harness.query(
      'SELECT 1 FROM outbox_events WHERE message_key = ANY($1::text[])',
      [numbers],
    );

    expect(memberships).toHaveLength(3);
    expect(identities).toHaveLength(0);
    expect(outbox).toHaveLength(0);
  });
});
