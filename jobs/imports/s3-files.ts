// Export files and AWS manifests under an S3 prefix (s3://bucket/prefix), listed with ListObjectsV2 page by page and
// read with GetObject. The endpoint follows the SDK's own settings (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL)
// unless one is given, e.g. a local S3-compatible store (which usually wants path-style addressing).
import { Readable } from "node:stream";
import { GetObjectCommand, ListObjectsV2Command, S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { isManifestName } from "./delivery-layout";
import { isExportFile, type ImportFile, type LocationEntries } from "./import-file";

export interface S3Location {
  bucket: string;
  prefix: string;
}

export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match) throw new Error(`"${url}" is not an S3 location (s3://bucket/prefix)`);
  return { bucket: match[1]!, prefix: match[2]! };
}

export function defaultS3Client(config: S3ClientConfig = {}): S3Client {
  return new S3Client({ region: "us-east-1", followRegionRedirects: true, ...config });
}

export async function listS3Location(client: S3Client, url: string): Promise<LocationEntries> {
  const { bucket, prefix } = parseS3Url(url);
  const objects: { key: string; modified: number }[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: continuationToken }));
    for (const object of page.Contents ?? []) {
      if (object.Key && (isExportFile(object.Key) || isManifestName(object.Key))) objects.push({ key: object.Key, modified: object.LastModified?.getTime() ?? 0 });
    }
    continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (continuationToken);
  const entries = objects.sort((a, b) => (a.key < b.key ? -1 : 1)).map(({ key, modified }) => ({ file: s3File(client, bucket, key), path: key, modified }));
  return { data: entries.filter((entry) => isExportFile(entry.path)), manifests: entries.filter((entry) => isManifestName(entry.path)) };
}

/** Every export file under the prefix, deliveries not chosen. */
export async function listS3Files(client: S3Client, url: string): Promise<ImportFile[]> {
  return (await listS3Location(client, url)).data.map((entry) => entry.file);
}

function s3File(client: S3Client, bucket: string, key: string): ImportFile {
  return {
    name: `s3://${bucket}/${key}`,
    open: async () => {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!(object.Body instanceof Readable)) throw new Error(`s3://${bucket}/${key}: no body`);
      return object.Body;
    },
  };
}
