import { describe, expect, test } from "vitest";

import { isAllowedHost, listenAddress } from "./hosts.server.ts";

describe("allowed hosts", () => {
  test("Without APP_ORIGIN only loopback names are answered, on any port", () => {
    for (const host of ["localhost:3000", "127.0.0.1", "127.0.0.1:8080", "[::1]:3000"]) {
      expect(isAllowedHost(host, []), host).toBe(true);
    }
    for (const host of ["evil.example", "localhost:3000@evil.example", "10.0.0.5:3000", ""]) {
      expect(isAllowedHost(host, []), host).toBe(false);
    }
  });

  test("With APP_ORIGIN its host is answered and other hosts are not", () => {
    const origins = ["https://kb.example.com"];
    expect(isAllowedHost("kb.example.com", origins)).toBe(true);
    expect(isAllowedHost("kb.example.com.evil.example", origins)).toBe(false);
  });
});

describe("listen address", () => {
  test("Without APP_ORIGIN the server listens on loopback only", () => {
    expect(listenAddress({ NODE_ENV: "production" })).toBe("127.0.0.1");
  });

  test("A production server open to other machines without APP_ORIGIN does not start", () => {
    expect(() => listenAddress({ NODE_ENV: "production", HOST: "0.0.0.0" })).toThrow(
      /Set APP_ORIGIN/,
    );
  });

  test("With APP_ORIGIN it listens on every interface", () => {
    expect(
      listenAddress({ NODE_ENV: "production", APP_ORIGIN: "https://kb.example.com" }),
    ).toBeUndefined();
  });
});
