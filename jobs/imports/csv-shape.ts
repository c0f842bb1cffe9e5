// What PostgreSQL's COPY would accept but csv-parse (the Node import path) rejects, found in one
// cheap pass over the raw bytes: a quote inside an unquoted field, anything but a delimiter after a
// closing quote. It also counts the records (newlines outside quotes), so a COPY that stopped early
// (a line holding only \. ends COPY's input) is caught by comparing counts; and whether any field
// may need trimming (most exports have none, and trimming every field in SQL is costly), and whether
// any field holds what JSON must escape (so SQL can quote tag values without to_json). Jumps from
// quote to quote and newline to newline with Buffer.indexOf, so it runs at memory speed.
const QUOTE = 0x22;
const NEWLINE = 0x0a;
const FIELD_END = new Set([0x2c, 0x0a, 0x0d]); // , \n \r
/** Whitespace String.prototype.trim would remove next to a field boundary (ASCII), a lone \r, or any
 *  non-ASCII whitespace anywhere (its UTF-8 bytes, read as latin1): then the fields need trimming.
 *  The whitespace leads the pattern (a lookbehind finds the boundary before it): far fewer bytes start a match than commas. */
const UNTRIMMED = /[\t\v\f ](?:[,\r\n"]|(?<=[,\n"].))|\r(?!\n)|\xc2\xa0|\xe1\x9a\x80|\xe2\x80[\x80-\x8a\xa8\xa9\xaf]|\xe2\x81\x9f|\xe3\x80\x80|\xef\xbb\xbf/;
/** A backslash or a control character but \n (\r too, though CRLF files only lose the shortcut): JSON escapes them. */
const JSON_ESCAPED = /[\x00-\x09\x0b-\x1f\\]/;

export class CsvShape {
  /** Newlines outside quoted fields, the header's included. */
  newlines = 0;
  malformed = false;
  /** Some field may carry whitespace the Node path would trim off. */
  untrimmed = false;
  /** Some field may hold a character JSON escapes: a quote, a backslash, a newline or another control character. */
  jsonEscapes = false;
  private inQuote = false;
  private closing = false; // a quote ended a field at the end of the last chunk: the next byte must end it
  private previous = NEWLINE; // the byte before the current position (a file starts as if after a newline)
  private lastByte = -1;
  private tail = "\n";
  private started = false;

  feed(input: Buffer): void {
    let chunk = input;
    if (!this.started) {
      this.started = true;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3); // BOM
    }
    if (chunk.length === 0 || this.malformed) return;
    if (!this.untrimmed || !this.jsonEscapes) {
      // The last two bytes of the previous chunk lead this one, so what straddles chunks is seen too.
      const text = this.tail + chunk.toString("latin1");
      this.untrimmed ||= UNTRIMMED.test(text.endsWith("\r") ? text.slice(0, -1) : text); // a final \r waits for its \n
      this.jsonEscapes ||= JSON_ESCAPED.test(text);
      this.tail = text.slice(-2);
    }
    let at = 0;
    if (this.closing) {
      this.closing = false;
      if (chunk[0] === QUOTE) {
        this.inQuote = true; // "" across chunks: an escaped quote
        this.jsonEscapes = true;
        at = 1;
      } else if (!FIELD_END.has(chunk[0]!)) return this.fail();
    }
    let newline = chunk.indexOf(NEWLINE, at); // the next newline at or after `at`: searched once a record, not once a field
    while (at < chunk.length) {
      const quote = chunk.indexOf(QUOTE, at);
      const end = quote === -1 ? chunk.length : quote;
      if (this.inQuote) {
        if (newline !== -1 && newline < end) {
          this.jsonEscapes = true; // a newline in a quoted field
          newline = chunk.indexOf(NEWLINE, end);
        }
      } else {
        for (; newline !== -1 && newline < end; newline = chunk.indexOf(NEWLINE, newline + 1)) this.newlines++;
        const before = quote > 0 ? chunk[quote - 1]! : quote === 0 ? this.previous : -1;
        if (quote !== -1 && !FIELD_END.has(before) && before !== NEWLINE) return this.fail(); // a quote mid-field
      }
      if (quote === -1) break;
      if (!this.inQuote) {
        this.inQuote = true;
        at = quote + 1;
        continue;
      }
      // Inside quotes: "" is an escaped quote, a lone quote closes the field.
      if (quote + 1 >= chunk.length) {
        this.inQuote = false;
        this.closing = true;
        at = quote + 1;
        break;
      }
      if (chunk[quote + 1] === QUOTE) {
        this.jsonEscapes = true;
        at = quote + 2;
      }
      else if (FIELD_END.has(chunk[quote + 1]!)) {
        this.inQuote = false;
        at = quote + 1;
      } else return this.fail();
    }
    this.previous = chunk[chunk.length - 1]!;
    this.lastByte = this.previous;
  }

  /** After the last chunk: whitespace ending the file ends a field too. */
  end(): void {
    if (/[\t\v\f ]$/.test(this.tail)) this.untrimmed = true;
  }

  /** Data records in the file: lines outside quotes, less the header, plus an unterminated last line. */
  records(): number {
    return Math.max(0, this.newlines - 1 + (this.lastByte !== -1 && this.lastByte !== NEWLINE ? 1 : 0));
  }

  private fail(): void {
    this.malformed = true;
  }
}

/** Where the first record ends (a newline outside quotes), or -1 if not within `head`. */
export function firstRecordEnd(head: Buffer): number {
  let quotes = 0;
  for (let at = 0; at < head.length; ) {
    const quote = head.indexOf(QUOTE, at);
    const end = quote === -1 ? head.length : quote;
    if (quotes % 2 === 0) {
      const newline = head.subarray(at, end).indexOf(NEWLINE);
      if (newline !== -1) return at + newline;
    }
    if (quote === -1) return -1;
    quotes++;
    at = quote + 1;
  }
  return -1;
}
