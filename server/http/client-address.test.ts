import { describe, expect, it } from "vitest";
import { addressFromHeaders, clientAddress, UNKNOWN_ADDRESS } from "./client-address";

describe("clientAddress", () => {
  it("reads the connection and ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(clientAddress({ peer: "203.0.113.9", forwardedFor: "198.51.100.1", trustedHops: 0 })).toBe("203.0.113.9");
    expect(clientAddress({ peer: "::ffff:203.0.113.9", forwardedFor: undefined, trustedHops: 0 })).toBe("203.0.113.9");
  });

  it("behind one trusted proxy takes the entry it appended, not the client's own claims", () => {
    // The client wrote "1.1.1.1"; the proxy appended the address it saw.
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: "1.1.1.1, 203.0.113.9", trustedHops: 1 })).toBe("203.0.113.9");
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: ["1.1.1.1", "203.0.113.9"], trustedHops: 1 })).toBe("203.0.113.9");
    expect(clientAddress({ peer: "10.0.0.3", forwardedFor: "1.1.1.1, 203.0.113.9, 10.0.0.2", trustedHops: 2 })).toBe("203.0.113.9");
  });

  it("never takes a forged entry that is not an address, nor one of any length", () => {
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: "=HYPERLINK(\"http://x\")", trustedHops: 1 })).toBe("10.0.0.2");
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: "1".repeat(300), trustedHops: 1 })).toBe("10.0.0.2");
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: undefined, trustedHops: 1 })).toBe("10.0.0.2");
    expect(clientAddress({ peer: undefined, forwardedFor: undefined, trustedHops: 0 })).toBe(UNKNOWN_ADDRESS);
  });

  it("reads back only an address from the header", () => {
    expect(addressFromHeaders(new Headers({ "x-forwarded-for": "2001:DB8::1" }))).toBe("2001:db8::1");
    expect(addressFromHeaders(new Headers({ "x-forwarded-for": "1.2.3.4, 5.6.7.8" }))).toBe(UNKNOWN_ADDRESS);
    expect(addressFromHeaders(new Headers())).toBe(UNKNOWN_ADDRESS);
  });
});
