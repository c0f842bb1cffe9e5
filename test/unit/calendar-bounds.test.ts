// The calendar helpers at the edge of years 0001-9999: they throw instead of producing a six-digit
// year ("+010000-01-01" sorts before "9999-12-31", so a day loop comparing strings never ended).
import { describe, expect, it } from "vitest";
import { addDays, daysBetween, firstOfMonth, lastDayOfMonth, MAX_SERIES_DAYS, monthsBetween } from "../../db/calendar";

describe("calendar bounds", () => {
  it.each([
    ["addDays past 9999", () => addDays("9999-12-31", 1)],
    ["addDays before 0001", () => addDays("0001-01-01", -1)],
    ["lastDayOfMonth of 9999-12", () => lastDayOfMonth("9999-12")],
    ["firstOfMonth before 0001", () => firstOfMonth("0001-01-15", 1)],
    ["a year 0000 day", () => addDays("0000-06-01", 0)],
    ["a malformed day", () => addDays("2026-13-45", 1)],
  ])("%s throws a RangeError", (_, call) => {
    expect(call).toThrow(RangeError);
  });

  it("series end at the last day and month of the calendar", () => {
    expect(daysBetween("9999-12-30", "9999-12-31")).toEqual(["9999-12-30", "9999-12-31"]);
    expect(monthsBetween("9999-11", "9999-12")).toEqual(["9999-11", "9999-12"]);
  });

  it(`a series longer than ${MAX_SERIES_DAYS} days throws instead of filling memory`, () => {
    expect(() => daysBetween("0001-01-01", "9999-12-31")).toThrow(/longer than/);
    expect(() => monthsBetween("0001-01", "9999-12")).toThrow(/longer than/);
  });

  it("ordinary series are unchanged", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toEqual(["2024-02-28", "2024-02-29", "2024-03-01"]);
    expect(daysBetween("2026-03-02", "2026-03-01")).toEqual([]);
    expect(monthsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(lastDayOfMonth("2026-02")).toBe("2026-02-28");
  });
});
