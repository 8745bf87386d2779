import { describe, expect, test } from "vitest";

import {
  checkTransition,
  defaultStaleIntervals,
  incidentStatuses,
  isStatementStale,
  transitionMessage,
} from "./incident-status.ts";

describe("status transitions", () => {
  test("An incident moves forward through the statuses, skipping some if the fix is quick", () => {
    expect(checkTransition("investigating", "identified")).toEqual({ ok: true });
    expect(checkTransition("identified", "monitoring")).toEqual({ ok: true });
    expect(checkTransition("monitoring", "resolved")).toEqual({ ok: true });
    expect(checkTransition("investigating", "resolved")).toEqual({ ok: true });
  });

  test("Monitoring may fall back to identified when the fix does not hold", () => {
    expect(checkTransition("monitoring", "identified")).toEqual({ ok: true });
  });

  test("Going back to investigating from an active status is refused", () => {
    expect(checkTransition("identified", "investigating")).toEqual({
      ok: false,
      reason: "not-allowed",
    });
  });

  test("A resolved incident only comes back through an explicit reopen", () => {
    for (const to of incidentStatuses.filter((status) => status !== "resolved")) {
      const check = checkTransition("resolved", to);
      expect(check).toEqual({ ok: false, reason: "reopen-required" });
      if (!check.ok) expect(transitionMessage("resolved", to, check.reason)).toMatch(/reopen/);
    }
    expect(checkTransition("resolved", "investigating", { reopen: true })).toEqual({ ok: true });
    expect(checkTransition("monitoring", "investigating", { reopen: true }).ok).toBe(false);
  });

  test("Setting the status it already has is not a change", () => {
    expect(checkTransition("identified", "identified")).toEqual({ ok: false, reason: "unchanged" });
  });
});

describe("stale statements", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const incident = (severity: "minor" | "major" | "critical", updated: number | null) => ({
    status: "identified",
    severity,
    statementUpdatedAt: updated === null ? null : minutesAgo(updated),
    startedAt: minutesAgo(600),
  });

  test("A statement is stale past its severity's interval", () => {
    expect(isStatementStale(incident("critical", 31), defaultStaleIntervals, now)).toBe(true);
    expect(isStatementStale(incident("critical", 29), defaultStaleIntervals, now)).toBe(false);
    expect(isStatementStale(incident("major", 61), defaultStaleIntervals, now)).toBe(true);
    expect(isStatementStale(incident("minor", 200), defaultStaleIntervals, now)).toBe(false);
  });

  test("A missing statement is stale once the incident is older than the interval", () => {
    expect(isStatementStale(incident("minor", null), defaultStaleIntervals, now)).toBe(true);
  });

  test("A resolved incident's statement is never stale", () => {
    expect(
      isStatementStale(
        { ...incident("critical", 600), status: "resolved" },
        defaultStaleIntervals,
        now,
      ),
    ).toBe(false);
  });
});
