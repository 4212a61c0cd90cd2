// One way to list a keyset-paged API a page at a time: the first page whenever the query changes, "more" appends the
// next, and an answer that arrives after the query changed is dropped. Used by the office inbox and the message log.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Paged<T> {
  /** null until the first page is in (or when it failed). */
  items: T[] | null;
  hasMore: boolean;
  busy: boolean;
  error: unknown;
  more: () => Promise<void>;
  /** The first page again, for the same query. */
  reload: () => void;
}

/**
 * `fetchPage(cursor)` asks for a page; `queryKey` names the query (filters, sort…): when it changes the list starts
 * again from the first page.
 */
export function usePaged<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  queryKey: string,
): Paged<T> {
  interface Loaded {
    key: string;
    items: T[] | null;
    cursor: string | null;
    error: unknown;
    busy: boolean;
  }
  const [generation, setGeneration] = useState(0);
  const key = `${generation}|${queryKey}`;
  const [loaded, setLoaded] = useState<Loaded>({
    key: '',
    items: null,
    cursor: null,
    error: null,
    busy: false,
  });
  const fetchRef = useRef(fetchPage);
  useEffect(() => {
    fetchRef.current = fetchPage;
  });

  useEffect(() => {
    let live = true;
    fetchRef.current(null).then(
      (page) => {
        if (live) setLoaded({ key, items: page.items, cursor: page.nextCursor, error: null, busy: false });
      },
      (failure: unknown) => {
        if (live) setLoaded({ key, items: null, cursor: null, error: failure, busy: false });
      },
    );
    return () => {
      live = false;
    };
  }, [key]);

  // What is shown belongs to the query asked now, or the list is loading.
  const fresh = loaded.key === key;
  const cursor = fresh ? loaded.cursor : null;
  const more = useCallback(async () => {
    if (!cursor) return;
    const same = (l: Loaded) => l.key === key && l.cursor === cursor;
    setLoaded((l) => (same(l) ? { ...l, busy: true, error: null } : l));
    try {
      const page = await fetchRef.current(cursor);
      setLoaded((l) =>
        same(l)
          ? { ...l, items: [...(l.items ?? []), ...page.items], cursor: page.nextCursor, busy: false }
          : l,
      );
    } catch (failure) {
      setLoaded((l) => (same(l) ? { ...l, error: failure, busy: false } : l));
    }
  }, [key, cursor]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return {
    items: fresh ? loaded.items : null,
    hasMore: cursor !== null,
    busy: !fresh || loaded.busy,
    error: fresh ? loaded.error : null,
    more,
    reload,
  };
}

/** The "show more" button under a paged list; nothing when there is no next page. */
export function MoreButton({ paged, label }: { paged: Paged<unknown>; label: string }) {
  if (!paged.hasMore || paged.items === null) return null;
  return (
    <button type="button" className="more" onClick={() => void paged.more()} disabled={paged.busy}>
      {label}
    </button>
  );
}
