/**
 * The in-process bus of incident changes that open pages listen to (server-sent events). One
 * process only: several app servers would need a shared bus (Redis pub/sub, Postgres LISTEN),
 * see docs/decisions/007-live-updates-in-process.md.
 */
import { EventEmitter } from "node:events";

/** What changed: nothing but the slug, the kind and version numbers, safe for any visitor. */
export interface IncidentLiveEvent {
  incidentSlug: string;
  kind: "created" | "updated" | "status" | "reopen" | "statement";
  version: number;
  statementVersion: number;
}

const bus = new EventEmitter();
// Every open page holds one listener; the default warning at 10 is meant for leaks, not tabs.
bus.setMaxListeners(0);

/** Tells every open event stream that an incident changed. */
export function publishIncidentEvent(event: IncidentLiveEvent): void {
  bus.emit("incident", event);
}

/** Calls `listener` for each incident change until the returned function is called. */
export function subscribeIncidentEvents(listener: (event: IncidentLiveEvent) => void): () => void {
  bus.on("incident", listener);
  return () => void bus.off("incident", listener);
}

/** How many streams listen now (a closed stream must have let go of its listener). */
export function incidentListenerCount(): number {
  return bus.listenerCount("incident");
}
