// What CsvShape reads off the raw bytes decides how SQL maps them: it must see whitespace to trim and
// characters JSON escapes wherever they are, a chunk boundary included, and only where they are.
import { describe, expect, it } from "vitest";
import { CsvShape } from "../../jobs/imports/csv-shape";

function shapeOf(text: string, chunkSize: number): CsvShape {
  const shape = new CsvShape();
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += chunkSize) shape.feed(bytes.subarray(i, i + chunkSize));
  shape.end();
  return shape;
}

const PLAIN = 'a,b,c\n"1","Amazon EC2","team: search"\n2,x y,ü\n';

describe("CsvShape", () => {
  it.each([1, 2, 5, 1000])("in chunks of %i bytes: plain fields need neither trimming nor JSON escapes", (chunkSize) => {
    const shape = shapeOf(PLAIN, chunkSize);
    expect(shape).toMatchObject({ untrimmed: false, jsonEscapes: false, malformed: false });
    expect(shape.records()).toBe(2);
  });

  it.each([
    ["an escaped quote", 'a,b\n"say ""hi""",1\n'],
    ["a backslash", "a,b\nC:\\temp,1\n"],
    ["a tab inside a field", "a,b\nx\ty,1\n"],
    ["a newline inside a quoted field", 'a,b\n"two\nlines",1\n'],
    ["a control character", "a,b\nbell\u0007,1\n"],
  ])("%s is seen in every chunking", (_, text) => {
    for (const chunkSize of [1, 2, 3, 1000]) {
      const shape = shapeOf(text, chunkSize);
      expect(shape.jsonEscapes, `chunks of ${chunkSize}`).toBe(true);
      expect(shape.malformed).toBe(false);
      expect(shape.records()).toBe(1);
    }
  });

  it("whitespace next to a delimiter means trimming, not JSON escapes", () => {
    expect(shapeOf("a,b\n x,1\n", 2)).toMatchObject({ untrimmed: true, jsonEscapes: false });
  });

  // Each whitespace String.prototype.trim removes, on each side of each boundary (delimiter, newline, quote).
  const WHITESPACE = [" ", "\t", "\v", "\f"];
  const FIELDS = WHITESPACE.flatMap((ws) => [`${ws}x,1`, `x${ws},1`, `x,${ws}1`, `x,1${ws}`, `"${ws}x",1`, `"x${ws}",1`]);
  it.each(FIELDS.map((row) => [JSON.stringify(row), row]))("%s needs trimming in every chunking", (_, row) => {
    for (const chunkSize of [1, 2, 3, 1000]) expect(shapeOf(`a,b\n${row}\n`, chunkSize).untrimmed, `chunks of ${chunkSize}`).toBe(true);
  });

  it.each([
    ["a lone carriage return", "a,b\nx\ry,1\n", true],
    ["a no-break space inside a field", "a,b\nx\u00a0y,1\n", true],
    ["an ideographic space", "a,b\nx\u3000y,1\n", true],
    ["spaces inside fields only", "a,b\nx y,\"a b\"\n", false],
    ["CRLF line ends", "a,b\r\nx,1\r\n", false],
  ])("%s: trimming %s", (_, text, untrimmed) => {
    for (const chunkSize of [1, 2, 3, 1000]) expect(shapeOf(text as string, chunkSize).untrimmed, `chunks of ${chunkSize}`).toBe(untrimmed);
  });
});
