// On globalThis: the server's public-page cache and the Remix build are separate module graphs
// in one process, and both must see the same counter.
const state = globalThis as unknown as { lagebildContentVersion?: number };

/** A number that changes whenever any article changes; cached public pages key on it. */
export function contentVersion(): number {
  return state.lagebildContentVersion ?? 0;
}

/** Marks all cached public pages as outdated (an article was created, saved or restored). */
export function markContentChanged(): void {
  state.lagebildContentVersion = contentVersion() + 1;
}
