import { describe, expect, test } from "vitest";

import { isCrossSiteRequest } from "./origin.server.ts";

const base = {
  method: "POST",
  origin: "http://lagebild.local:3000",
  referer: undefined,
  host: "lagebild.local:3000",
  authorization: undefined,
  cookie: undefined,
  allowedOrigins: [],
};

describe("cross-site request check", () => {
  test("A form posted from the app itself passes", () => {
    expect(isCrossSiteRequest(base)).toBe(false);
  });
  test("A form posted from another site is refused", () => {
    expect(isCrossSiteRequest({ ...base, origin: "https://evil.example" })).toBe(true);
  });
  test("A post without Origin or Referer is refused", () => {
    expect(isCrossSiteRequest({ ...base, origin: undefined })).toBe(true);
  });
  test("Without Origin the Referer decides", () => {
    expect(
      isCrossSiteRequest({ ...base, origin: undefined, referer: "http://lagebild.local:3000/x" }),
    ).toBe(false);
    expect(isCrossSiteRequest({ ...base, origin: "null", referer: "https://evil.example/" })).toBe(
      true,
    );
  });
  test("Reading is never blocked", () => {
    expect(isCrossSiteRequest({ ...base, method: "GET", origin: "https://evil.example" })).toBe(
      false,
    );
  });
  test("A configured public origin behind a proxy passes", () => {
    expect(
      isCrossSiteRequest({
        ...base,
        host: "127.0.0.1:3000",
        origin: "https://kb.example.com",
        allowedOrigins: ["https://kb.example.com"],
      }),
    ).toBe(false);
  });
  test("A bearer-token call without cookies is not a forged form post", () => {
    expect(isCrossSiteRequest({ ...base, origin: undefined, authorization: "Bearer lbt_x" })).toBe(
      false,
    );
  });
  test("A bearer header does not exempt a foreign post that carries the session cookie", () => {
    expect(
      isCrossSiteRequest({
        ...base,
        origin: "https://evil.example",
        authorization: "Bearer anything",
        cookie: "lagebild_session=abc",
      }),
    ).toBe(true);
  });
});
