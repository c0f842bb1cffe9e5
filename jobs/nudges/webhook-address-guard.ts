// Where a webhook may be sent. A team editor types the URL, so without a guard the server would POST
// (and report the answer's status) to its own loopback, the cloud metadata service (169.254.169.254)
// or the private network. Internal, link-local and other non-public addresses are refused unless
// WEBHOOK_ALLOWED_HOSTS lists the host name, the address or a range holding it. The check runs on the
// address the connection is made to (after DNS), so a public name resolving inward is refused too.
import { BlockList, isIP } from "node:net";

const NOT_PUBLIC: Array<[string, number, "ipv4" | "ipv6"]> = [
  ["0.0.0.0", 8, "ipv4"], ["10.0.0.0", 8, "ipv4"], ["100.64.0.0", 10, "ipv4"], ["127.0.0.0", 8, "ipv4"],
  ["169.254.0.0", 16, "ipv4"], ["172.16.0.0", 12, "ipv4"], ["192.0.0.0", 24, "ipv4"], ["192.168.0.0", 16, "ipv4"],
  ["198.18.0.0", 15, "ipv4"], ["224.0.0.0", 3, "ipv4"], // multicast and reserved up to 255.255.255.255
  ["::", 127, "ipv6"], ["fc00::", 7, "ipv6"], ["fe80::", 10, "ipv6"], ["ff00::", 8, "ipv6"], ["64:ff9b::", 96, "ipv6"],
];
const notPublic = new BlockList();
for (const [network, prefix, type] of NOT_PUBLIC) notPublic.addSubnet(network, prefix, type);

export interface WebhookAddressGuard {
  /** Why a connection to `address` (reached through `host`) is refused; null when it may go ahead. */
  refusal(host: string, address: string): string | null;
}

/** Entries: host names, IP addresses or CIDR ranges (10.0.0.0/8); throws naming a bad entry. */
export function webhookAddressGuard(allowed: readonly string[]): WebhookAddressGuard {
  const names = new Set<string>();
  const addresses = new BlockList();
  for (const entry of allowed.map((a) => a.trim().toLowerCase().replace(/^\[|\]$/g, "")).filter(Boolean)) {
    const [ip, prefix] = entry.split("/");
    const type = isIP(ip!);
    if (type === 0 && prefix === undefined && /^[a-z0-9.-]+$/.test(entry)) names.add(entry);
    else if (type !== 0 && prefix === undefined) addresses.addAddress(ip!, type === 4 ? "ipv4" : "ipv6");
    else if (type !== 0 && /^\d{1,3}$/.test(prefix!) && Number(prefix) <= (type === 4 ? 32 : 128)) addresses.addSubnet(ip!, Number(prefix), type === 4 ? "ipv4" : "ipv6");
    else throw new Error(`"${entry}" is not a host name, an IP address or a CIDR range`);
  }
  return {
    refusal(host, address) {
      const plain = unmapped(address);
      const type = isIP(plain) === 6 ? "ipv6" : "ipv4";
      if (!notPublic.check(plain, type)) return null;
      if (names.has(host.toLowerCase().replace(/^\[|\]$/g, "")) || addresses.check(plain, type)) return null;
      return `${plain} is not a public address (loopback, link-local or private): add the host to WEBHOOK_ALLOWED_HOSTS to allow it`;
    },
  };
}

/** ::ffff:10.0.0.1 is 10.0.0.1. */
const unmapped = (address: string) => (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address);
