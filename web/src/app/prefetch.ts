// Page code loaders, registered by the router; fetched in the background once the first page is up,
// so that later clicks open at once.
const loaders: (() => Promise<unknown>)[] = [];

export function registerPage<T>(load: () => Promise<T>): () => Promise<T> {
  loaders.push(load);
  return load;
}

export function prefetchPages(): void {
  for (const load of loaders) void load().catch(() => {});
}
