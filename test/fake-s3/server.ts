// A small fake S3 on 127.0.0.1 for the real SDK (path-style addressing): ListObjectsV2 with
// continuation tokens and a small page size, and GetObject serving the stored bytes as they are.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeS3 {
  url: string;
  /** bucket -> key -> bytes; change it between calls to simulate AWS rewriting an export. */
  buckets: Map<string, Map<string, Buffer>>;
  /** "bucket/key" -> LastModified in listings (default 2024-01-01): orders deliveries. */
  modified: Map<string, Date>;
  requests: { method: string; path: string; query: Record<string, string> }[];
  close(): Promise<void>;
}

const xmlEscape = (value: string) => value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startFakeS3(options: { pageSize?: number } = {}): Promise<FakeS3> {
  const pageSize = options.pageSize ?? 2;
  const buckets = new Map<string, Map<string, Buffer>>();
  const modified = new Map<string, Date>();
  const requests: FakeS3["requests"] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const [, bucketName = "", ...keyParts] = url.pathname.split("/");
    const key = decodeURIComponent(keyParts.join("/"));
    requests.push({ method: req.method ?? "", path: url.pathname, query: Object.fromEntries(url.searchParams) });
    const bucket = buckets.get(bucketName);
    const fail = (status: number, code: string) => {
      res.writeHead(status, { "content-type": "application/xml" });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
    };
    if (req.method !== "GET") return fail(405, "MethodNotAllowed");
    if (!bucket) return fail(404, "NoSuchBucket");
    if (key === "" && url.searchParams.get("list-type") === "2") {
      const prefix = url.searchParams.get("prefix") ?? "";
      const all = [...bucket.keys()].filter((k) => k.startsWith(prefix)).sort();
      const token = url.searchParams.get("continuation-token");
      const start = token ? Number(Buffer.from(token, "base64url").toString()) : 0;
      const max = Math.min(pageSize, Number(url.searchParams.get("max-keys") ?? pageSize));
      const page = all.slice(start, start + max);
      const truncated = start + max < all.length;
      const contents = page.map((k) => `<Contents><Key>${xmlEscape(k)}</Key><LastModified>${(modified.get(`${bucketName}/${k}`) ?? new Date("2024-01-01T00:00:00Z")).toISOString()}</LastModified><Size>${bucket.get(k)!.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`).join("");
      res.writeHead(200, { "content-type": "application/xml" });
      return res.end(
        `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucketName}</Name><Prefix>${xmlEscape(prefix)}</Prefix>` +
          `<KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}` +
          (truncated ? `<NextContinuationToken>${Buffer.from(String(start + max)).toString("base64url")}</NextContinuationToken>` : "") +
          `</ListBucketResult>`,
      );
    }
    const body = bucket.get(key);
    if (!body) return fail(404, "NoSuchKey");
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    buckets,
    modified,
    requests,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
