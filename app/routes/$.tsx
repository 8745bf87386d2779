import type { MetaFunction } from "@remix-run/node";

import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { metaT, pageTitle } from "~/utils/meta.ts";

/** Catch-all: unknown URLs get the real 404 page inside the layout. */
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(metaT(matches)("errors.notFoundTitle")) },
];
