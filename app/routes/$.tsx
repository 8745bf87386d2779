import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

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
