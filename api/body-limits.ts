// How large a request body may be. JSON routes (sign-in included) get a small limit; the file upload
// routes a larger, configured one, and a gzip upload is also bounded by what it decompresses to
// (a 1 MB gzip of zeros is 1 GB of CSV). Past a limit: 413 naming it.
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "./errors";

export interface BodyLimits {
  /** Every request body but a file upload. */
  jsonBytes: number;
  /** A file upload (CUR/FOCUS export, budgets or business CSV), as sent. */
  uploadBytes: number;
  /** A gzip upload, decompressed. */
  decompressedBytes: number;
}

const MB = 1024 * 1024;
export const DEFAULT_BODY_LIMITS: BodyLimits = { jsonBytes: 1 * MB, uploadBytes: 256 * MB, decompressedBytes: 4096 * MB };

/** The routes that take files (and business rows pushed as JSON); each also keeps its own limit, if smaller. */
const UPLOAD_PATH = /^\/api\/(imports|budgets\/csv|business\/[^/]+(\/csv)?)\/?$/;

export function limitBodies(limits: BodyLimits) {
  const tooLarge = (what: string, max: number) => () => {
    throw new ApiError("PAYLOAD_TOO_LARGE", `${what} are limited to ${max} bytes`);
  };
  const json = bodyLimit({ maxSize: limits.jsonBytes, onError: tooLarge("request bodies", limits.jsonBytes) });
  const upload = bodyLimit({ maxSize: limits.uploadBytes, onError: tooLarge("uploads", limits.uploadBytes) });
  const limitFor: ReturnType<typeof bodyLimit> = (c, next) => (UPLOAD_PATH.test(c.req.path) ? upload : json)(c, next);
  return limitFor;
}

/** Throws 413 once a gzip body decompresses past `max` bytes (read as a stream: never held whole). */
export async function checkDecompressedSize(bytes: Buffer, max: number): Promise<void> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return;
  let size = 0;
  const gunzip = Readable.from([bytes]).pipe(createGunzip());
  try {
    for await (const chunk of gunzip) {
      size += (chunk as Buffer).length;
      if (size > max) throw new ApiError("PAYLOAD_TOO_LARGE", `the upload decompresses to more than ${max} bytes: split the export into smaller files`);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // Broken gzip is the importer's to report, with the file name.
  } finally {
    gunzip.destroy();
  }
}
