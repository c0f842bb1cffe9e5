// Which addresses a webhook may reach: public ones, and others only when WEBHOOK_ALLOWED_HOSTS says so.
import { describe, expect, it } from "vitest";
import { webhookAddressGuard } from "../../jobs/nudges/webhook-address-guard";

describe("webhook address guard", () => {
  const none = webhookAddressGuard([]);
  it.each(["127.0.0.1", "127.8.9.10", "::1", "169.254.169.254", "10.0.0.5", "172.20.1.1", "192.168.1.1", "100.64.0.1", "0.0.0.0", "::ffff:10.0.0.1", "fe80::1", "fd00::1", "::"])("refuses %s by default", (address) => {
    expect(none.refusal("hooks.example.com", address)).toMatch(/not a public address/);
  });

  it.each(["8.8.8.8", "52.94.236.248", "2606:4700::1111", "172.32.0.1"])("lets %s through", (address) => {
    expect(none.refusal("hooks.example.com", address)).toBeNull();
  });

  it("allows a listed host name, address or range, and nothing beside them", () => {
    const guard = webhookAddressGuard(["hooks.internal", "127.0.0.1", "10.20.0.0/16", "[::1]"]);
    expect(guard.refusal("hooks.internal", "10.9.9.9")).toBeNull();
    expect(guard.refusal("localhost", "127.0.0.1")).toBeNull();
    expect(guard.refusal("localhost", "::1")).toBeNull();
    expect(guard.refusal("a.internal", "10.20.3.4")).toBeNull();
    expect(guard.refusal("a.internal", "10.21.3.4")).not.toBeNull();
    expect(guard.refusal("a.internal", "169.254.169.254")).not.toBeNull();
  });

  it("names a bad entry", () => {
    expect(() => webhookAddressGuard(["10.0.0.0/99"])).toThrow('"10.0.0.0/99" is not a host name');
  });
});
