import { json, type LoaderFunctionArgs } from "@remix-run/node";

import { checkDatabaseHealth } from "~/models/health.server.ts";
import { checkSearchHealth } from "~/models/search.server.ts";
import { getUser } from "~/utils/auth.server.ts";

/**
 * 200 when the database and the search engine both answer, 503 otherwise. Only signed-in staff
 * see each part and its error message: they name hosts, files and configuration.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const [database, search] = await Promise.all([checkDatabaseHealth(), checkSearchHealth()]);
  const ok = database.ok && search.ok;
  const status = ok ? "ok" : "degraded";
  const headers = { "Cache-Control": "no-store" };
  const init = { status: ok ? 200 : 503, headers };
  if (!(await getUser(request))) return json({ status }, init);
  return json({ status, database, search }, init);
}
