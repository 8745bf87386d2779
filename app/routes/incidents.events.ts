import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireCapability } from "~/utils/auth.server.ts";
import { incidentEventStream } from "~/utils/event-stream.server.ts";

/** Live incident changes for signed-in staff: the banner and incident pages revalidate on each. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "article:read-internal");
  return incidentEventStream(request);
}
