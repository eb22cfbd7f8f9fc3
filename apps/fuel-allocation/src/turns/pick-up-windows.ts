import type { CalendarDay } from '../calendar/calendar-day';

import { windowsPerDay, type TurnSettings } from './turn-settings';
import { zonedInstant } from './zoned-time';

export interface PickUpWindow {
  date: CalendarDay;
  end: Date;
  start: Date;
}

/** A waiting turn offered to one day's schedule, in queue order. */
export interface QueuedDemand {
  /** Quantity the family may still take this period, in the product's unit. */
  balance: number;
  turnId: string;
}

/** A turn placed on the day: its quantity and the index of its pick-up window. */
export interface Placement {
  quantity: number;
  turnId: string;
  windowIndex: number;
}

/**
 * Places turns on one day in queue order until the day's capacity is used. A turn takes the
 * family's balance, but never more than the whole daily capacity. Placement stops at the first
 * turn that does not fit, so no later family overtakes an earlier one. A turn's window follows
 * the share of the capacity placed before it, which spreads a full day evenly over its windows.
 */
export function placeOnDay(
  demands: readonly QueuedDemand[],
  dailyCapacity: number,
  alreadyPlaced: number,
  windowCount: number,
): Placement[] {
  const placements: Placement[] = [];
  let placed = alreadyPlaced;

  for (const demand of demands) {
    const quantity = Math.min(demand.balance, dailyCapacity);

    if (quantity <= 0) continue;
    if (placed + quantity > dailyCapacity) break;

    const windowIndex = Math.floor((placed * windowCount) / dailyCapacity);

    placements.push({ quantity, turnId: demand.turnId, windowIndex });
    placed += quantity;
  }

  return placements;
}

/** Returns the start and end of pick-up window `index` on `day`. */
export function pickUpWindow(
  day: CalendarDay,
  index: number,
  settings: TurnSettings,
  timeZone: string,
): PickUpWindow {
  if (index < 0 || index >= windowsPerDay(settings)) {
    throw new RangeError(`window index ${index} is outside 0..${windowsPerDay(settings) - 1}`);
  }

  const startMinute = settings.dayStartMinute + index * settings.slotMinutes;

  return {
    date: day,
    end: zonedInstant(day, startMinute + settings.slotMinutes, timeZone),
    start: zonedInstant(day, startMinute, timeZone),
  };
}
