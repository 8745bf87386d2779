import { json } from "@remix-run/node";

import { checkDatabaseHealth } from "~/models/health.server.ts";
import { checkSearchHealth } from "~/models/search.server.ts";

/** 200 when the database and the search engine both answer, 503 with the reasons otherwise. */
export async function loader() {
  const [database, search] = await Promise.all([checkDatabaseHealth(), checkSearchHealth()]);
  const ok = database.ok && search.ok;
  return json(
    { status: ok ? "ok" : "degraded", database, search },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
