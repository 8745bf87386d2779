import type { Params } from "@remix-run/react";

/** Returns the route param or throws a 404 Response when it is missing. */
export function requireParam(params: Params, name: string): string {
  const value = params[name];
  if (!value) throw new Response("Not found", { status: 404 });
  return value;
}
