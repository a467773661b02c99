import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import type { ListSort, ListSorting } from "@/lib/list-sort";

/** Rows on a page of every list. */
export const LIST_PAGE_SIZE = 25;

const NO_FILTERS: readonly never[] = [];

/**
 * The cursor of the item before `offset`, as strawberry's relay connections make them
 * (base64 of "arrayconnection:<offset>", strawberry/relay/types.py PREFIX): a page number in the URL
 * becomes the `after` of that page without walking the pages before it.
 */
export function offsetCursor(offset: number): string {
  return btoa(`arrayconnection:${String(offset)}`);
}

/** A list's page in the URL, as relay pagination: "next" and "previous" change the page number. */
export interface ListPager {
  /** The cursor to pass as `after` (null on the first page). */
  readonly after: string | null;
  /** 1-based page number. */
  readonly page: number;
  readonly next: () => void;
  readonly previous: () => void;
}

export interface ListState<K extends string, O, F extends string = never> {
  /** The search in effect (`?q=`), as typed but trimmed by the search box. */
  readonly search: string;
  readonly setSearch: (value: string) => void;
  readonly sort: ListSort<K>;
  readonly setSort: (value: ListSort<K>) => void;
  /** A click on a column's header (see `ListSorting.next`). */
  readonly onSort: (key: K) => void;
  /** The sort as the API's `ordering`. */
  readonly ordering: O[];
  /** The list's own filters (`?status=...`), null when not set. */
  readonly filterValues: Readonly<Record<F, string | null>>;
  readonly setFilter: (name: F, value: string | null) => void;
  /** A search or a filter narrows the list. */
  readonly filtered: boolean;
  readonly pageSize: number;
  readonly pager: ListPager;
}

/**
 * A list's search, sort, filters and page, kept in the URL (`?q=scans&status=RUNNING&sort=-status&page=2`):
 * a reload keeps them and a view can be shared. Changing the search, the sort or a filter goes back to
 * the first page; the default sort and the first page stay out of the URL.
 */
export function useListState<K extends string, O, F extends string = never>(
  sorting: ListSorting<K, O>,
  /** The URL names of the list's filters: a module constant. */
  filterNames: readonly F[] = NO_FILTERS,
  pageSize = LIST_PAGE_SIZE,
): ListState<K, O, F> {
  const [params, setParams] = useSearchParams();
  const search = params.get("q") ?? "";
  const sortValue = params.get("sort");
  const sort = useMemo(() => sorting.parse(sortValue), [sorting, sortValue]);
  const ordering = useMemo(() => sorting.ordering(sort), [sorting, sort]);
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  // `params` changes only with the URL; `filterNames` is the list's constant.
  const filterValues = useMemo(
    () => Object.fromEntries(filterNames.map((name) => [name, params.get(name)])) as Record<F, string | null>,
    [params, filterNames],
  );

  /** Sets URL values (empty removes one); `changes` returns them from the current URL. */
  const update = useCallback(
    (changes: (current: URLSearchParams) => Record<string, string | null>, keepPage = false) => {
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes(current))) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        if (!keepPage) next.delete("page");
        return next;
      });
    },
    [setParams],
  );

  const setSearch = useCallback(
    (value: string) => {
      update(() => ({ q: value }));
    },
    [update],
  );
  const setSort = useCallback(
    (value: ListSort<K>) => {
      update(() => ({ sort: sorting.param(value) }));
    },
    [update, sorting],
  );
  // From the URL at the click, so that the callback stays the same while the list's rows change.
  const onSort = useCallback(
    (key: K) => {
      update((current) => ({ sort: sorting.param(sorting.next(sorting.parse(current.get("sort")), key)) }));
    },
    [update, sorting],
  );
  const setFilter = useCallback(
    (name: F, value: string | null) => {
      update(() => ({ [name]: value }));
    },
    [update],
  );

  const pager = useMemo<ListPager>(() => {
    const setPage = (value: number) => {
      update(() => ({ page: value > 1 ? String(value) : null }), true);
    };
    return {
      after: page > 1 ? offsetCursor((page - 1) * pageSize - 1) : null,
      page,
      next: () => {
        setPage(page + 1);
      },
      previous: () => {
        setPage(page - 1);
      },
    };
  }, [page, pageSize, update]);

  const filtered = search.trim() !== "" || filterNames.some((name) => Boolean(filterValues[name]));
  return {
    search,
    setSearch,
    sort,
    setSort,
    onSort,
    ordering,
    filterValues,
    setFilter,
    filtered,
    pageSize,
    pager,
  };
}
