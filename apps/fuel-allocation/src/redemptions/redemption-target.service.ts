import { HttpStatus, Injectable } from '@nestjs/common';

import { USABLE_CARD_STATUSES, type CardStatus } from '@bitaqa/contracts';
import { ApiError, RuleViolationError } from '@bitaqa/http';

import { dateToDay, dayToDate, type CalendarDay } from '../calendar/calendar-day';
import { CatalogueService } from '../catalogue/catalogue.service';
import type { QuantityUnit, QuotaPolicy } from '../catalogue/catalogue.types';
import { FamilyEntitlementsService } from '../entitlements/family-entitlements.service';
import { VehicleEntitlementsService } from '../entitlements/vehicle-entitlements.service';
import { CalendarService } from '../infrastructure/calendar.service';
import { detailsWith } from '../infrastructure/error-details';
import { PrismaService } from '../infrastructure/prisma.service';
import type { AccountOwner } from '../ledger/ledger.types';
import { StationsService } from '../stations/stations.service';

import type { RedemptionRequest } from './redemption.schemas';

/** The quota account a redemption debits, with the card, family and price it was found by. */
export interface RedemptionTarget {
  accountId: bigint;
  cardNumber: string;
  familyId: string;
  periodEnd: CalendarDay;
  periodStart: CalendarDay;
  pricePiastres: number;
  unit: QuantityUnit;
  vehiclePlate: string | null;
}

/**
 * Checks a redemption request against stations, cards, products and policies, and finds the
 * current period's quota account it debits. Reads only; the debit itself happens later under
 * the account's row lock.
 */
@Injectable()
export class RedemptionTargetService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly catalogue: CatalogueService,
    private readonly families: FamilyEntitlementsService,
    private readonly prisma: PrismaService,
    private readonly stations: StationsService,
    private readonly vehicles: VehicleEntitlementsService,
  ) {}

  /**
   * Resolves the account to debit. The controller has checked that the token's station is
   * `request.stationId`, and the station must also be registered here (422 STATION_NOT_FOUND).
   */
  async resolve(request: RedemptionRequest): Promise<RedemptionTarget> {
    await this.registeredStation(request.stationId);

    const familyId = await this.usableCardFamily(request.cardNumber);
    const today = this.calendar.today();
    const policy = this.policyFor(request, today);
    const pricePiastres = this.catalogue.priceOn(policy.productCode, today);

    if (pricePiastres === undefined) {
      throw new RuleViolationError('NO_PRICE', `${policy.productCode} has no price in force`, {
        field: 'productCode',
        value: request.productCode,
      });
    }

    const owner = await this.accountOwner(request, policy, familyId);
    const account = await this.currentAccount(owner, request, today);

    return {
      ...account,
      cardNumber: request.cardNumber,
      familyId,
      pricePiastres,
      unit: policy.unit,
      vehiclePlate: 'vehiclePlate' in owner ? owner.vehiclePlate : null,
    };
  }

  /**
   * Rejects a station the card authority issued a credential to but that no operator has added
   * with POST /stations, because redemptions reference the station's row.
   */
  private async registeredStation(stationId: string): Promise<void> {
    if (await this.stations.exists(stationId)) return;

    throw new RuleViolationError('STATION_NOT_FOUND', `station ${stationId} is not registered`, {
      field: 'stationId',
      hint: 'an operator adds the station with POST /stations before it redeems',
      value: stationId,
    });
  }

  /** Returns the family of a card a station may accept; rejects unknown and hotlisted cards. */
  private async usableCardFamily(cardNumber: string): Promise<string> {
    const card = await this.prisma.card.findUnique({ where: { cardNumber } });

    if (!card) {
      throw new RuleViolationError('CARD_NOT_FOUND', `card ${cardNumber} is not known`, {
        field: 'cardNumber',
        hint: 'cards arrive from the card authority; check the number read from the card',
        value: cardNumber,
      });
    }
    if (!USABLE_CARD_STATUSES.has(card.status as CardStatus)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'CARD_NOT_USABLE',
        `card ${cardNumber} is ${card.status}; only issued or active cards may redeem`,
        detailsWith(
          { field: 'cardNumber', value: cardNumber },
          { reason: card.reason, status: card.status },
        ),
      );
    }
    if (!card.familyId) {
      throw new RuleViolationError(
        'CARD_WITHOUT_FAMILY',
        `card ${cardNumber} belongs to no family book`,
        { field: 'cardNumber', value: cardNumber },
      );
    }

    return card.familyId;
  }

  private policyFor(request: RedemptionRequest, today: CalendarDay): QuotaPolicy {
    const policy = this.catalogue.activePolicy(request.productCode, today);

    if (!policy) {
      throw new RuleViolationError(
        'NO_QUOTA_POLICY',
        `${request.productCode} has no subsidized quota on the card`,
        { field: 'productCode', value: request.productCode },
      );
    }

    return policy;
  }

  private async accountOwner(
    request: RedemptionRequest,
    policy: QuotaPolicy,
    familyId: string,
  ): Promise<AccountOwner> {
    if (policy.beneficiary === 'vehicle') {
      const plate = await this.familyVehicle(familyId, request.vehiclePlate);

      await this.vehicles.ensureCurrent(plate);

      return { vehiclePlate: plate };
    }
    if (!(await this.families.ensureCurrent(familyId))) {
      throw new RuleViolationError('FAMILY_NOT_FOUND', `family ${familyId} is not known yet`, {
        field: 'cardNumber',
        hint: 'the family book entry has not arrived from civil records; retry later',
        value: request.cardNumber,
      });
    }

    return { familyId };
  }

  /** Picks the family's vehicle that gets gasoline: the one named, or the only one it owns. */
  private async familyVehicle(familyId: string, requested: string | undefined): Promise<string> {
    const vehicles = await this.prisma.$queryRaw<{ plate: string }[]>`
      SELECT v.plate FROM vehicles v
      JOIN family_members m ON m.national_number = v.owner_national_number
      WHERE m.family_id = ${familyId}
      ORDER BY v.plate`;
    const plates = vehicles.map((vehicle) => vehicle.plate);

    if (requested !== undefined) {
      if (plates.includes(requested)) return requested;

      throw new RuleViolationError(
        'VEHICLE_NOT_IN_FAMILY',
        `vehicle ${requested} is not owned by a member of family ${familyId}`,
        { field: 'vehiclePlate', value: requested },
      );
    }
    if (plates.length === 1) return plates[0] as string;

    throw new RuleViolationError(
      plates.length === 0 ? 'NO_VEHICLE' : 'VEHICLE_REQUIRED',
      plates.length === 0
        ? `family ${familyId} has no registered vehicle`
        : `family ${familyId} owns ${plates.length} vehicles; name one in vehiclePlate`,
      detailsWith({ field: 'vehiclePlate' }, { plates }),
    );
  }

  private async currentAccount(
    owner: AccountOwner,
    request: RedemptionRequest,
    today: CalendarDay,
  ): Promise<{ accountId: bigint; periodEnd: CalendarDay; periodStart: CalendarDay }> {
    const account = await this.prisma.quotaAccount.findFirst({
      where: {
        ...owner,
        expiredAt: null,
        periodEnd: { gte: dayToDate(today) },
        periodStart: { lte: dayToDate(today) },
        productCode: request.productCode,
      },
    });

    if (!account) {
      throw new RuleViolationError(
        'NO_ENTITLEMENT',
        `no ${request.productCode} quota in the current period`,
        { field: 'productCode', value: request.productCode },
      );
    }

    return {
      accountId: account.id,
      periodEnd: dateToDay(account.periodEnd),
      periodStart: dateToDay(account.periodStart),
    };
  }
}
