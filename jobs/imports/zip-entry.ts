// The first file of a .zip, streamed: AWS delivers a legacy CUR as report.csv.zip holding one CSV.
// Read from its local header on, without the central directory at the end of the archive, so the
// bytes stream through as they arrive; deflate (8) and stored (0) entries, as zip tools write them.
import { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";
import { ImportError } from "./import-error";
import { peek } from "./read-rows";

export const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4, a local file header
const HEADER_BYTES = 30;
const SIZE_IN_DESCRIPTOR = 0x08; // general purpose flag bit 3: sizes follow the data
const ENCRYPTED = 0x01;

export async function zipEntry(fileName: string, input: Readable): Promise<Readable> {
  const fail = (problem: string) => new ImportError(fileName, null, null, `not a zip this import reads: ${problem}`);
  let { head, stream } = await peek(input, HEADER_BYTES);
  if (head.length < HEADER_BYTES) throw fail("the archive ends in its first header");
  const flags = head.readUInt16LE(6);
  const method = head.readUInt16LE(8);
  const compressedSize = head.readUInt32LE(18);
  const dataStart = HEADER_BYTES + head.readUInt16LE(26) + head.readUInt16LE(28);
  if (flags & ENCRYPTED) throw fail("the file is encrypted");
  if (method !== 0 && method !== 8) throw fail(`compression method ${method} (only deflate and stored)`);
  if (method === 0 && flags & SIZE_IN_DESCRIPTOR) throw fail("a stored entry of unknown size");
  ({ head, stream } = await peek(stream, dataStart));
  if (head.length < dataStart) throw fail("the archive ends in its first header");
  const storedSize = compressedSize === 0xffffffff ? zip64Sizes(head.subarray(HEADER_BYTES + head.readUInt16LE(26), dataStart), head.readUInt32LE(22) === 0xffffffff) : compressedSize;
  if (method === 0 && storedSize === null) throw fail("a stored entry of unknown size");
  async function* data() {
    let skip = dataStart;
    let left = method === 0 ? storedSize! : Infinity;
    for await (const chunk of stream) {
      let bytes = chunk as Buffer;
      if (skip > 0) {
        const dropped = Math.min(skip, bytes.length);
        bytes = bytes.subarray(dropped);
        skip -= dropped;
      }
      if (bytes.length > left) bytes = bytes.subarray(0, left);
      left -= bytes.length;
      if (bytes.length > 0) yield bytes;
      if (left === 0) return;
    }
  }
  const raw = Readable.from(data(), { objectMode: false });
  if (method === 0) return raw;
  // Inflate stops at the end of the deflate stream: what follows (descriptor, directory) is ignored.
  const inflated = raw.pipe(createInflateRaw());
  raw.on("error", (error) => inflated.destroy(error));
  inflated.on("error", () => undefined);
  return inflated;
}

/** The compressed size in a ZIP64 extra field (id 1: the uncompressed size first when that too overflowed). */
function zip64Sizes(extra: Buffer, uncompressedToo: boolean): number | null {
  for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) {
    if (extra.readUInt16LE(at) !== 1) continue;
    const offset = at + 4 + (uncompressedToo ? 8 : 0);
    return offset + 8 <= extra.length ? Number(extra.readBigUInt64LE(offset)) : null;
  }
  return null;
}
