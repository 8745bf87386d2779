import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { search } from "../engine.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const q = new URL(request.url).searchParams.get("q") ?? "";
  return { q, ...(await search(q)) };
}

/** Title and snippet of each hit: the least a results page shows. */
export default function Results() {
  const { q, total, hits } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1>
        {q}: {total}
      </h1>
      <ol>
        {hits.map((hit) => (
          <li key={hit.slug}>
            <a href={`/articles/${hit.slug}`}>{hit.title}</a>
            <p>{hit.text}</p>
          </li>
        ))}
      </ol>
    </main>
  );
}
