import { invariantResponse } from "@epic-web/invariant";
import type { LoaderFunctionArgs } from "@remix-run/node";

import { getPublicIncident } from "~/models/public-incident.server.ts";
import { requireParam } from "~/utils/http.server.ts";
import { statusFeedResponse } from "~/utils/status-feed.server.ts";

/** Atom feed of one incident's public statements, newest first. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const incident = await getPublicIncident(requireParam(params, "slug"));
  invariantResponse(incident, "Not found", { status: 404 });
  return statusFeedResponse(request, [incident], `/status/${incident.slug}.atom`, incident.title);
}
