import type { LoaderFunctionArgs } from "@remix-run/node";

import { incidentEventStream } from "~/utils/event-stream.server.ts";

/**
 * Live incident changes for the public status page. Anyone may listen: each event carries the
 * slug, the kind of change and version numbers, never text.
 */
export function loader({ request }: LoaderFunctionArgs) {
  return incidentEventStream(request);
}
