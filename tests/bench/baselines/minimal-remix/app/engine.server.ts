import { recordedAnswer } from "../../replay.mjs";

interface EngineHit {
  slug: string;
  _formatted?: { title?: string; text?: string };
}

/** The app's recorded engine requests for `q`, replayed as the app sends them; the first answer. */
export async function search(q: string) {
  const answer = recordedAnswer(q);
  if (!answer) throw new Response("Not a bench query", { status: 404 });
  const [first] = (
    JSON.parse(String(await answer)) as { results: { totalHits?: number; hits: EngineHit[] }[] }
  ).results;
  return {
    total: first?.totalHits ?? 0,
    hits: (first?.hits ?? []).map((hit) => ({
      slug: hit.slug,
      title: hit._formatted?.title ?? "",
      text: hit._formatted?.text ?? "",
    })),
  };
}
