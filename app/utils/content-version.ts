let version = 0;

/** A number that changes whenever any article changes; cached public pages key on it. */
export function contentVersion(): number {
  return version;
}

/** Marks all cached public pages as outdated (an article was created, saved or restored). */
export function markContentChanged(): void {
  version++;
}
