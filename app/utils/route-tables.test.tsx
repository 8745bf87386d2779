/**
 * Route tables built once (patches/, decision note 022): the ranked branches of a route tree, the
 * static router's data routes and Remix's server routes are made once and reused for every
 * request. Through the real server runtime with a small build, each page must still render its
 * own route with its own data, concurrently too, and a rebuilt route module must be rendered.
 */
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import {
  Outlet,
  RemixServer,
  useLoaderData,
  useParams,
  type RemixServerProps,
} from "@remix-run/react";
import { matchRoutes } from "@remix-run/router";
import { renderToString } from "react-dom/server";
import { describe, expect, test } from "vitest";

type RouteModule = ServerBuild["routes"][string]["module"];

function Root() {
  return (
    <html lang="en">
      <body>
        <Outlet />
      </body>
    </html>
  );
}

function Article() {
  const { slug } = useParams();
  const { loaded } = useLoaderData<{ loaded: string }>();
  return <p>{`article ${slug}, loaded ${loaded}`}</p>;
}

function Tag() {
  return <p>{`tag ${useParams().tag}`}</p>;
}

function RebuiltTag() {
  return <p>{`rebuilt tag ${useParams().tag}`}</p>;
}

const articleModule = {
  default: Article,
  loader: ({ params }: { params: { slug?: string } }) => ({ loaded: params.slug }),
} as unknown as RouteModule;

function entryModule(): ServerBuild["entry"]["module"] {
  return {
    default: (
      request: Request,
      status: number,
      headers: Headers,
      context: RemixServerProps["context"],
    ) => {
      const html = renderToString(<RemixServer context={context} url={request.url} />);
      headers.set("Content-Type", "text/html");
      return new Response(html, { status, headers });
    },
  };
}

const manifestRoute = (id: string, parentId: string | undefined, path?: string) => ({
  id,
  parentId,
  path,
  index: path === undefined ? true : undefined,
  module: `/build/${id}.js`,
  hasAction: false,
  hasLoader: id !== "root",
  hasClientAction: false,
  hasClientLoader: false,
  hasErrorBoundary: false,
  imports: [],
});

// Every build of a dev rebuild brings new modules under the same route ids.
function build(modules: Record<string, RouteModule>, assets?: ServerBuild["assets"]): ServerBuild {
  const paths: Record<string, string | undefined> = {
    root: "",
    "routes/_index": undefined,
    "routes/articles.$slug": "articles/:slug",
    "routes/tags.$tag": "tags/:tag",
  };
  const routes = Object.fromEntries(
    Object.entries(paths).map(([id, path]) => [
      id,
      {
        ...manifestRoute(id, id === "root" ? undefined : "root", path),
        module: modules[id]!,
      },
    ]),
  );
  return {
    mode: "production",
    entry: { module: entryModule() },
    routes,
    assets: assets ?? {
      entry: { module: "/build/entry.js", imports: [] },
      routes: Object.fromEntries(
        Object.entries(paths).map(([id, path]) => [
          id,
          manifestRoute(id, id === "root" ? undefined : "root", path),
        ]),
      ),
      url: "/build/manifest.js",
      version: "1",
    },
    basename: undefined,
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_lazyRouteDiscovery: true,
      v3_singleFetch: false,
      v3_routeConfig: false,
      v3_optimizeDeps: false,
      unstable_optimizeDeps: false,
    },
    isSpaMode: false,
  } as unknown as ServerBuild;
}

const modules: Record<string, RouteModule> = {
  root: { default: Root } as unknown as RouteModule,
  "routes/_index": {
    default: () => <p>index</p>,
    loader: () => ({}),
  } as unknown as RouteModule,
  "routes/articles.$slug": articleModule,
  "routes/tags.$tag": {
    default: Tag,
    loader: () => ({}),
  } as unknown as RouteModule,
};

async function page(handler: ReturnType<typeof createRequestHandler>, path: string) {
  const html = await (await handler(new Request(`http://localhost${path}`))).text();
  return /<p>(.*?)<\/p>/.exec(html)?.[1] ?? html;
}

describe("Route tables built once", () => {
  test("each page renders its own route, params and data, request after request", async () => {
    const handler = createRequestHandler(build(modules));
    for (let round = 0; round < 3; round++) {
      expect(await page(handler, "/articles/esim")).toBe("article esim, loaded esim");
      expect(await page(handler, "/tags/vertrag")).toBe("tag vertrag");
      expect(await page(handler, "/")).toBe("index");
      expect(await page(handler, "/articles/apn")).toBe("article apn, loaded apn");
    }
  });

  test("concurrent pages do not see each other's matches", async () => {
    const handler = createRequestHandler(build(modules));
    const slugs = Array.from({ length: 24 }, (_, i) => `a${i}`);
    const pages = await Promise.all(
      slugs.map((slug, i) => page(handler, i % 3 ? `/articles/${slug}` : `/tags/${slug}`)),
    );
    expect(pages).toEqual(
      slugs.map((slug, i) => (i % 3 ? `article ${slug}, loaded ${slug}` : `tag ${slug}`)),
    );
  });

  test("a rebuilt route module is rendered, though the manifest object stays the same", async () => {
    const first = build(modules);
    expect(await page(createRequestHandler(first), "/tags/x")).toBe("tag x");
    const rebuilt = build(
      {
        ...modules,
        "routes/tags.$tag": {
          default: RebuiltTag,
          loader: () => ({}),
        } as unknown as RouteModule,
      },
      first.assets,
    );
    expect(await page(createRequestHandler(rebuilt), "/tags/x")).toBe("rebuilt tag x");
  });

  test("a route added to a tree in place (lazy route discovery) is matched", () => {
    const children: { id: string; path?: string; index?: boolean }[] = [
      { id: "index", index: true },
      { id: "splat", path: "*" },
    ];
    const tree = [{ id: "root", path: "", children }];
    const last = (path: string) => matchRoutes(tree, path)?.at(-1)?.route.id;
    expect(last("/incidents")).toBe("splat");
    children.push({ id: "incidents", path: "incidents" });
    expect(last("/incidents")).toBe("incidents");
    children.pop();
    expect(last("/incidents")).toBe("splat");
  });
});
