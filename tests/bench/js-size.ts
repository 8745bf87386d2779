/**
 * JavaScript a page makes the browser download, from the build manifest (`npm run build` first):
 * entry + root + route modules and their shared chunks, gzip-compressed, per page.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

const buildDir = path.resolve(import.meta.dirname, "../../public/build");

interface ManifestEntry {
  module: string;
  imports?: string[];
}

async function loadManifest() {
  const file = (await readdir(buildDir)).find((name) => /^manifest-.*\.js$/.test(name));
  if (!file) throw new Error("No build manifest: run `npm run build` first.");
  const text = await readFile(path.join(buildDir, file), "utf8");
  return JSON.parse(text.replace(/^window\.__remixManifest=/, "").replace(/;$/, "")) as {
    entry: ManifestEntry;
    routes: Record<string, ManifestEntry>;
  };
}

async function gzipSize(url: string) {
  const bytes = await readFile(path.join(buildDir, url.replace(/^\/build\//, "")));
  return gzipSync(bytes, { level: 9 }).length;
}

async function pageSize(entries: ManifestEntry[]) {
  const files = new Set(entries.flatMap((entry) => [entry.module, ...(entry.imports ?? [])]));
  let total = 0;
  for (const file of files) total += await gzipSize(file);
  return { total, files: files.size };
}

export async function reportJsSizes() {
  const manifest = await loadManifest();
  const root = manifest.routes.root!;
  const floor = await pageSize([manifest.entry, root]);
  const pages: [string, string][] = [
    ["search (/)", "routes/_index"],
    ["article (/articles/:slug)", "routes/articles.$slug"],
    ["help article (/help/:slug)", "routes/help.$slug"],
    ["edit (/articles/:slug/edit)", "routes/articles.$slug_.edit"],
    ["new (/articles/new)", "routes/articles.new"],
  ];
  console.log("\nJavaScript per page, gzip -9 (ratio to the framework floor: entry + root):");
  console.log(`  floor (React, Remix, i18n, root)   ${(floor.total / 1024).toFixed(1)} KiB  1.00`);
  for (const [label, id] of pages) {
    const route = manifest.routes[id];
    if (!route) continue;
    const size = await pageSize([manifest.entry, root, route]);
    const lexical = (
      await Promise.all(
        [route.module, ...(route.imports ?? [])].map(async (file) =>
          (await readFile(path.join(buildDir, file.replace(/^\/build\//, "")), "utf8")).includes(
            "LexicalComposer",
          ),
        ),
      )
    ).some(Boolean);
    console.log(
      `  ${label.padEnd(34)} ${(size.total / 1024).toFixed(1)} KiB  ${(size.total / floor.total).toFixed(2)}${lexical ? "  (loads the editor)" : ""}`,
    );
  }
}
