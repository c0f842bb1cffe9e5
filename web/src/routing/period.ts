// The Team page's period, kept in the URL: ?days=30|90|180|365 (ending on the last complete billing day) or ?from=&to=.
import { addDays } from "../format/dates";
import { useHashLocation, updateHashParams } from "./hash-location";
import type { DashboardDefaults } from "../../../api/dashboard-defaults";

export const PRESET_DAYS = [30, 90, 180, 365] as const;
export type PresetDays = (typeof PRESET_DAYS)[number];
/** Typed by the API's literal: the cache warms this period (api/default-views.ts). */
export const DEFAULT_DAYS: PresetDays & DashboardDefaults["periodDays"] = 90;

export type PeriodChoice = { kind: "preset"; days: PresetDays } | { kind: "range"; from: string; to: string };

const isDay = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

export function usePeriodChoice(): [PeriodChoice, (next: PeriodChoice) => void] {
  const { params } = useHashLocation();
  const from = params.get("from");
  const to = params.get("to");
  const days = Number(params.get("days"));
  const choice: PeriodChoice =
    isDay(from) && isDay(to) ? { kind: "range", from, to } : { kind: "preset", days: PRESET_DAYS.find((d) => d === days) ?? DEFAULT_DAYS };
  const set = (next: PeriodChoice) =>
    updateHashParams(
      next.kind === "range"
        ? { from: next.from, to: next.to, days: undefined }
        : { from: undefined, to: undefined, days: next.days === DEFAULT_DAYS ? undefined : String(next.days) },
    );
  return [choice, set];
}

/** The from/to to ask the API for; a preset without a known last day falls back to the API's default (90 days). */
export function resolvePeriod(choice: PeriodChoice, lastCompleteBillingDay: string | null | undefined): { from?: string; to?: string } {
  if (choice.kind === "range") return { from: choice.from, to: choice.to };
  if (!lastCompleteBillingDay) return {};
  return { from: addDays(lastCompleteBillingDay, -(choice.days - 1)), to: lastCompleteBillingDay };
}
