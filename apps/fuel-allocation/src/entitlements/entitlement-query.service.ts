import { Injectable } from '@nestjs/common';

import { USABLE_CARD_STATUSES, type CardStatus } from '@bitaqa/contracts';
import { NotFoundError, RuleViolationError } from '@bitaqa/http';

import { vehicleClassFromRow } from '../catalogue/policy-mapping';
import { CalendarService } from '../infrastructure/calendar.service';
import { PrismaService } from '../infrastructure/prisma.service';

import { EntitlementReaderService } from './entitlement-reader.service';
import type { FamilyEntitlements, VehicleEntitlements } from './entitlement.types';
import { FamilyEntitlementsService } from './family-entitlements.service';
import { VehicleEntitlementsService } from './vehicle-entitlements.service';

export interface CardEntitlements extends FamilyEntitlements {
  cardNumber: string;
  cardStatus: CardStatus;
  /** True when a station may redeem against the card (its status is issued or active). */
  usable: boolean;
}

/** Current entitlements of a family and of the vehicles its members own, by family or by card. */
@Injectable()
export class EntitlementQueryService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly families: FamilyEntitlementsService,
    private readonly prisma: PrismaService,
    private readonly reader: EntitlementReaderService,
    private readonly vehicles: VehicleEntitlementsService,
  ) {}

  async forFamily(familyId: string): Promise<FamilyEntitlements> {
    if (!(await this.families.ensureCurrent(familyId))) {
      throw new NotFoundError('FAMILY_NOT_FOUND', `family ${familyId} is not known`, {
        field: 'familyId',
        hint: 'families arrive from civil records; check the id or wait for the family book entry',
        value: familyId,
      });
    }

    const family = await this.prisma.family.findUniqueOrThrow({ where: { familyId } });
    const today = this.calendar.today();

    return {
      entitlements: await this.reader.current(this.prisma, { familyId }, today),
      familyId,
      governorate: family.governorate,
      livingMembers: await this.families.livingMembers(this.prisma, familyId),
      vehicles: await this.vehiclesOfFamily(familyId),
    };
  }

  async forCard(cardNumber: string): Promise<CardEntitlements> {
    const card = await this.prisma.card.findUnique({ where: { cardNumber } });

    if (!card) {
      throw new NotFoundError('CARD_NOT_FOUND', `card ${cardNumber} is not known`, {
        field: 'cardNumber',
        hint: 'cards arrive from the card authority; check the number read from the card',
        value: cardNumber,
      });
    }
    if (!card.familyId) {
      throw new RuleViolationError(
        'CARD_WITHOUT_FAMILY',
        `card ${cardNumber} belongs to no family book`,
        { field: 'cardNumber', value: cardNumber },
      );
    }

    const status = card.status as CardStatus;

    return {
      cardNumber,
      cardStatus: status,
      usable: USABLE_CARD_STATUSES.has(status),
      ...(await this.forFamily(card.familyId)),
    };
  }

  private async vehiclesOfFamily(familyId: string): Promise<VehicleEntitlements[]> {
    const members = await this.prisma.familyMember.findMany({
      select: { nationalNumber: true },
      where: { familyId },
    });
    const vehicles = await this.prisma.vehicle.findMany({
      orderBy: { plate: 'asc' },
      where: { ownerNationalNumber: { in: members.map((member) => member.nationalNumber) } },
    });
    const today = this.calendar.today();
    const result: VehicleEntitlements[] = [];

    for (const vehicle of vehicles) {
      await this.vehicles.ensureCurrent(vehicle.plate);
      result.push({
        entitlements: await this.reader.current(
          this.prisma,
          { vehiclePlate: vehicle.plate },
          today,
        ),
        ownerNationalNumber: vehicle.ownerNationalNumber,
        plate: vehicle.plate,
        vehicleClass: vehicleClassFromRow(vehicle.vehicleClass),
      });
    }

    return result;
  }
}
