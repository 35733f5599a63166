/** A page of the app: the address pattern, the element that shows it, and how to load it. */
export interface PageRoute {
  /** `/items/:id`: `:name` matches one path segment. */
  readonly pattern: string;
  readonly tag: string;
  /** Loads the module that defines the element (heavy pages come in their own chunk). */
  readonly load: () => Promise<unknown>;
  /** Shown without signing in. */
  readonly public?: boolean;
}

export interface RouteMatch {
  readonly route: PageRoute;
  readonly params: Readonly<Record<string, string>>;
}

/** The first route whose pattern matches the path, with its parameters decoded. */
export function matchRoute(routes: readonly PageRoute[], path: string): RouteMatch | undefined {
  const segments = path.split('/').filter(Boolean);
  for (const route of routes) {
    const parts = route.pattern.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matched = parts.every((part, index) => {
      const segment = segments[index]!;
      if (part.startsWith(':')) {
        try {
          params[part.slice(1)] = decodeURIComponent(segment);
        } catch {
          return false;
        }
        return true;
      }
      return part === segment;
    });
    if (matched) return { route, params };
  }
  return undefined;
}
