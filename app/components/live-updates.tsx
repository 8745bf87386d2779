import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useEventSource } from "remix-utils/sse/react";

/**
 * Reloads the page's data (not the page) whenever the event stream at `url` reports an incident
 * change, so an open page never shows an outdated statement.
 */
export function LiveRevalidation({ url }: { url: string }) {
  const event = useEventSource(url, { event: "incident" });
  const { revalidate } = useRevalidator();
  useEffect(() => {
    if (event) revalidate();
    // Only a new event revalidates; `revalidate` changes identity with the navigation state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [event]);
  return null;
}
