// PGlite's COPY input is cut into slices; every cut must fall between records, never inside a quoted field.
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { recordSlices } from "../../db/copy-bytes";

async function* chunked(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield Buffer.from(text.slice(i, i + size));
}

const CSV = ['a,b,c', '1,"x\ny",3', '"q""uoted\n,",5,6', ...Array.from({ length: 40 }, (_, i) => `${i},"multi\nline ${i}",plain`)].join("\n") + "\n";

describe("recordSlices", () => {
  it.each([1, 3, 7, 16, 64, 1000])("chunks of %i bytes: slices end at record boundaries and keep every byte", async (chunkSize) => {
    const slices: string[] = [];
    for await (const slice of recordSlices(chunked(CSV, chunkSize), 20)) slices.push(Buffer.concat(slice).toString());
    expect(slices.join("")).toBe(CSV);
    // About 20 bytes each, chunks larger than that cut into several.
    expect(slices.length).toBeGreaterThan(CSV.length / 40);
    // Each slice parses on its own into whole records: the same records as the whole file.
    const records = slices.flatMap((slice) => parse(slice) as string[][]);
    expect(records).toEqual(parse(CSV));
  });
});
