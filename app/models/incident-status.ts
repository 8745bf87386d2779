/** The incident lifecycle as pure rules, shared by the model, the forms and the pages. */

export const incidentStatuses = ["investigating", "identified", "monitoring", "resolved"] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

export const severities = ["minor", "major", "critical"] as const;
export type Severity = (typeof severities)[number];

/** Statuses an incident is "going on" in: shown in the banner, open for reports. */
export const activeStatuses = ["investigating", "identified", "monitoring"] as const;

/**
 * Where each status may go with a plain status change. Forward steps may skip a status (a quick
 * fix goes straight to resolved); monitoring may fall back to identified when the fix does not
 * hold. A resolved incident only leaves its state through an explicit reopen.
 */
const transitions: Record<IncidentStatus, readonly IncidentStatus[]> = {
  investigating: ["identified", "monitoring", "resolved"],
  identified: ["monitoring", "resolved"],
  monitoring: ["identified", "resolved"],
  resolved: [],
};

export type TransitionCheck =
  | { ok: true }
  | { ok: false; reason: "unchanged" | "reopen-required" | "not-allowed" | "not-resolved" };

/** Returns whether a status change is allowed; `reopen` is the explicit way back from resolved. */
export function checkTransition(
  from: IncidentStatus,
  to: IncidentStatus,
  options: { reopen?: boolean } = {},
): TransitionCheck {
  if (options.reopen) {
    return from === "resolved" && to === "investigating"
      ? { ok: true }
      : { ok: false, reason: "not-resolved" };
  }
  if (from === to) return { ok: false, reason: "unchanged" };
  if (from === "resolved") return { ok: false, reason: "reopen-required" };
  return transitions[from].includes(to) ? { ok: true } : { ok: false, reason: "not-allowed" };
}

/** The statuses a plain change may move to from `from` (for the form's choices). */
export function nextStatuses(from: IncidentStatus): readonly IncidentStatus[] {
  return transitions[from];
}

/** Returns the message explaining a refused transition, in English (the pages translate codes). */
export function transitionMessage(
  from: IncidentStatus,
  to: IncidentStatus,
  reason: Exclude<TransitionCheck, { ok: true }>["reason"],
): string {
  switch (reason) {
    case "unchanged":
      return `The incident is already ${from}.`;
    case "reopen-required":
      return `A resolved incident cannot go to ${to} directly: reopen it first.`;
    case "not-resolved":
      return "Only a resolved incident can be reopened.";
    case "not-allowed":
      return `An incident cannot go from ${from} back to ${to}.`;
  }
}

export function isActiveStatus(status: string): boolean {
  return (activeStatuses as readonly string[]).includes(status);
}

/** Minutes after which an active incident's statement counts as stale, per severity. */
export type StaleIntervals = Record<Severity, number>;

export const defaultStaleIntervals: StaleIntervals = { critical: 30, major: 60, minor: 240 };

/**
 * Returns whether the customer-facing statement of an active incident is overdue for an update:
 * older than its severity's interval (or never written and the incident older than that).
 */
export function isStatementStale(
  incident: {
    status: string;
    severity: Severity;
    statementUpdatedAt: Date | null;
    startedAt: Date;
  },
  intervals: StaleIntervals,
  now = new Date(),
): boolean {
  if (!isActiveStatus(incident.status)) return false;
  const since = incident.statementUpdatedAt ?? incident.startedAt;
  return now.getTime() - since.getTime() > intervals[incident.severity] * 60_000;
}
