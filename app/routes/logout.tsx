import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

import { recordAudit } from "~/models/audit.server.ts";
import { getUser, signOut } from "~/utils/auth.server.ts";

/** Sign-out is a POST (a link could be triggered cross-site); GET just goes home. */
export function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await getUser(request);
  if (user) await recordAudit({ actorId: user.id, action: "auth.sign-out", target: user.email });
  return signOut(request);
}
