// Webhook URLs are secrets (a Slack incoming webhook URL is its own credential): anything shown or
// logged says only the origin and the last four characters.
export function maskWebhookUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/…${url.slice(-4)}`;
  } catch {
    return "…";
  }
}

/** An error text with any occurrence of the URL (or its path) replaced by its mask. */
export function scrubUrl(text: string, url: string): string {
  let path = "";
  try {
    path = new URL(url).pathname;
  } catch {}
  let scrubbed = text.split(url).join(maskWebhookUrl(url) ?? "…");
  if (path.length > 1) scrubbed = scrubbed.split(path).join("/…");
  return scrubbed;
}
