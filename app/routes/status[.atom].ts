import type { LoaderFunctionArgs } from "@remix-run/node";

import { listPublicIncidentsWithStatements } from "~/models/public-incident.server.ts";
import { statusFeedResponse } from "~/utils/status-feed.server.ts";

/** Atom feed of the public statements of every incident on /status, newest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  return statusFeedResponse(request, await listPublicIncidentsWithStatements(), "/status.atom");
}
