import { describe, expect, test } from "vitest";

import { SignInLimits, addressGroup, signIn } from "~/models/sign-in.server.ts";
import { prisma } from "~/utils/db.server.ts";

import { buildUser, testPassword } from "../factories.ts";

const password = testPassword;
// A flood on a loaded machine can take longer than the first one-second delay; with a minute it
// cannot, so these counts do not depend on timing.
const slow = { ...SignInLimits, accountDelayMs: 60_000 };

function tally(results: { status: string }[]) {
  const counts: Record<string, number> = {};
  for (const { status } of results) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/** Moves the account's recorded attempts back in time, as if `ms` had passed. */
async function letTimePass(email: string, ms: number) {
  const attempts = await prisma.loginAttempt.findMany({ where: { email } });
  for (const attempt of attempts) {
    await prisma.loginAttempt.update({
      where: { id: attempt.id },
      data: { createdAt: new Date(attempt.createdAt.getTime() - ms) },
    });
  }
}

describe("parallel attempts", () => {
  test("60 parallel wrong passwords from one address for different accounts: exactly the address limit is checked, the rest are refused", async () => {
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        signIn({ email: `guess-${i}@test.example`, password: "wrong", ip: "192.0.2.10" }),
      ),
    );
    expect(tally(results)).toEqual({
      invalid: SignInLimits.perAddress,
      "rate-limited": 60 - SignInLimits.perAddress,
    });
    const audited = await prisma.auditEvent.count({
      where: { action: "auth.sign-in-limited", target: "192.0.2.10" },
    });
    expect(audited).toBe(1);
  });

  test("60 parallel wrong passwords for one account: only the free failures are checked, the rest are told when to retry", async () => {
    const user = await buildUser({ role: "agent", name: "Victim" });
    const results = await Promise.all(
      Array.from({ length: 60 }, () =>
        signIn({ email: user.email, password: "wrong", ip: "192.0.2.20" }, slow),
      ),
    );
    expect(tally(results)).toEqual({
      invalid: SignInLimits.freeFailuresPerAccount,
      "rate-limited": 60 - SignInLimits.freeFailuresPerAccount,
    });
    for (const result of results) {
      if (result.status === "rate-limited") expect(result.retryAfterSeconds).toBeGreaterThan(0);
    }
  });

  test("After a flood on their account, the owner signs in from their own address once the delay has passed", async () => {
    const user = await buildUser({ role: "agent", name: "Victim" });
    await Promise.all(
      Array.from({ length: 60 }, () =>
        signIn({ email: user.email, password: "wrong", ip: "192.0.2.30" }, slow),
      ),
    );
    const early = await signIn({ email: user.email, password, ip: "198.51.100.7" }, slow);
    expect(early.status).toBe("rate-limited");
    if (early.status !== "rate-limited") return;
    expect(early.retryAfterSeconds).toBeLessThanOrEqual(slow.accountDelayMs / 1000);
    await letTimePass(user.email, early.retryAfterSeconds * 1000);
    const later = await signIn({ email: user.email, password, ip: "198.51.100.7" }, slow);
    expect(later.status).toBe("ok");
  });

  test("A flood of refused attempts writes one audit event per burst, not one per request", async () => {
    const user = await buildUser({ role: "agent", name: "Victim" });
    await Promise.all(
      Array.from({ length: 60 }, () =>
        signIn({ email: user.email, password: "wrong", ip: "192.0.2.40" }, slow),
      ),
    );
    const limited = await prisma.auditEvent.count({
      where: { action: "auth.sign-in-limited", target: user.email },
    });
    expect(limited).toBe(1);
    const failed = await prisma.auditEvent.count({
      where: { action: "auth.sign-in-failed", target: user.email },
    });
    expect(failed).toBe(SignInLimits.freeFailuresPerAccount);
  });
});

describe("account delays", () => {
  test("Each failure past the free ones doubles the delay, up to the cap; the right password then gets in", async () => {
    const user = await buildUser({ role: "agent", name: "Victim" });
    const ip = "192.0.2.50";
    for (let i = 0; i < SignInLimits.freeFailuresPerAccount; i++) {
      expect((await signIn({ email: user.email, password: "wrong", ip })).status).toBe("invalid");
    }
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      const early = await signIn({ email: user.email, password: "wrong", ip });
      expect(early.status).toBe("rate-limited");
      if (early.status !== "rate-limited") return;
      delays.push(early.retryAfterSeconds);
      await letTimePass(user.email, early.retryAfterSeconds * 1000);
      expect((await signIn({ email: user.email, password: "wrong", ip })).status).toBe("invalid");
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300]);

    // A different address, the right password: in after the (capped) delay, not locked out.
    const early = await signIn({ email: user.email, password, ip: "198.51.100.8" });
    expect(early).toEqual({ status: "rate-limited", retryAfterSeconds: 300 });
    await letTimePass(user.email, 300_000);
    expect((await signIn({ email: user.email, password, ip: "198.51.100.8" })).status).toBe("ok");
    // A successful sign-in starts the count afresh.
    expect((await signIn({ email: user.email, password: "wrong", ip })).status).toBe("invalid");
  });

  test("The owner's usual address is not held up by someone else's failures on the account", async () => {
    const user = await buildUser({ role: "agent", name: "Victim" });
    const home = "198.51.100.9";
    expect((await signIn({ email: user.email, password, ip: home })).status).toBe("ok");
    await Promise.all(
      Array.from({ length: 60 }, () =>
        signIn({ email: user.email, password: "wrong", ip: "192.0.2.55" }, slow),
      ),
    );
    // A new address waits for the account's delay; the address the owner used goes straight in.
    expect((await signIn({ email: user.email, password, ip: "198.51.100.10" }, slow)).status).toBe(
      "rate-limited",
    );
    expect((await signIn({ email: user.email, password, ip: home }, slow)).status).toBe("ok");
  });

  test("Too many failures from one address are refused for any account, even with the right password", async () => {
    for (let i = 0; i < SignInLimits.perAddress; i++) {
      await signIn({ email: `spray${i}@test.example`, password: "x", ip: "10.9.9.9" });
    }
    const user = await buildUser({ role: "agent", name: "Victim" });
    expect((await signIn({ email: user.email, password, ip: "10.9.9.9" })).status).toBe(
      "rate-limited",
    );
    expect((await signIn({ email: user.email, password, ip: "10.9.9.10" })).status).toBe("ok");
  });
});

describe("address groups", () => {
  test("IPv6 addresses count per /64 and IPv4-mapped addresses as IPv4", () => {
    expect(addressGroup("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(addressGroup("2001:db8:1:2::ffff")).toBe("2001:db8:1:2::/64");
    expect(addressGroup("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(addressGroup("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(addressGroup("203.0.113.9")).toBe("203.0.113.9");
  });

  test("Two addresses in the same /64 share the address limit; the next /64 does not", async () => {
    for (let i = 0; i < SignInLimits.perAddress; i++) {
      const ip = i % 2 ? "2001:db8:aa:1::1" : `2001:db8:aa:1:${i.toString(16)}::7`;
      expect((await signIn({ email: `v6-${i}@test.example`, password: "x", ip })).status).toBe(
        "invalid",
      );
    }
    const user = await buildUser({ role: "agent", name: "Victim" });
    const neighbour = await signIn({ email: user.email, password, ip: "2001:db8:aa:1:ffff::1" });
    expect(neighbour.status).toBe("rate-limited");
    const elsewhere = await signIn({ email: user.email, password, ip: "2001:db8:aa:2::1" });
    expect(elsewhere.status).toBe("ok");
  });
});
