import type { LoaderFunctionArgs } from "@remix-run/node";

import { exportReportsCsv } from "~/models/report.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { requireParam } from "~/utils/http.server.ts";

/** The incident's reports as CSV: comms and admins only (agent names are staff data). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const exported = await exportReportsCsv(user, requireParam(params, "slug"));
  if (exported.status === "forbidden") {
    throw new Response("You do not have permission to do this.", { status: 403 });
  }
  if (exported.status === "not-found") throw new Response("Not found", { status: 404 });
  return new Response(exported.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exported.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
