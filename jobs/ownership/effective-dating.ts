// Replaces the rows in force with the desired ones from a date: rows that stay the same keep their
// ids; rows that go are closed the day before (valid_to = from); rows that come open on that date.
// A row that had not yet taken effect by then is dropped, as if it had never been.

export interface DatedRow {
  id: number;
  validFrom: string;
}

export interface RowChanges<Desired> {
  close: number[]; // in force before `from`: end them at `from`
  drop: number[]; // would only have started on or after `from`: remove them
  open: Desired[];
  unchanged: number;
}

export function planRowChanges<Current extends DatedRow, Desired>(
  current: Current[],
  desired: Desired[],
  keyOfCurrent: (row: Current) => string,
  keyOfDesired: (row: Desired) => string,
  from: string,
): RowChanges<Desired> {
  const wanted = new Map(desired.map((row) => [keyOfDesired(row), row]));
  const changes: RowChanges<Desired> = { close: [], drop: [], open: [], unchanged: 0 };
  for (const row of current) {
    const key = keyOfCurrent(row);
    if (wanted.has(key)) {
      wanted.delete(key);
      changes.unchanged += 1;
    } else if (row.validFrom < from) changes.close.push(row.id);
    else changes.drop.push(row.id);
  }
  changes.open = [...wanted.values()];
  return changes;
}

export function hasChanges(changes: RowChanges<unknown>): boolean {
  return changes.close.length + changes.drop.length + changes.open.length > 0;
}
