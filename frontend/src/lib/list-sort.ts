import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import type { Ordering } from "@/gql/graphql";

/** How a list is sorted: one column, one way. In the URL as `?sort=name` or `?sort=-name` (descending). */
export interface ListSort<K extends string> {
  readonly key: K;
  readonly descending: boolean;
}

export function parseSort<K extends string>(
  value: string | null,
  keys: readonly K[],
  fallback: ListSort<K>,
): ListSort<K> {
  const descending = value?.startsWith("-") ?? false;
  const key = descending ? value?.slice(1) : value;
  const known = keys.find((candidate) => candidate === key);
  return known ? { key: known, descending } : fallback;
}

/** The URL value; null for the list's default order (kept out of the URL). */
export function sortParam<K extends string>(sort: ListSort<K>, fallback: ListSort<K>): string | null {
  if (sort.key === fallback.key && sort.descending === fallback.descending) return null;
  return `${sort.descending ? "-" : ""}${sort.key}`;
}

/** A click on a column's header: that column, ascending (dates: newest first), or the other way round. */
export function nextSort<K extends string>(
  current: ListSort<K>,
  key: K,
  newestFirst: readonly K[],
): ListSort<K> {
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: newestFirst.includes(key) };
}

/** The `aria-sort` of a column's header. */
export function ariaSort<K extends string>(sort: ListSort<K>, key: K): "ascending" | "descending" | "none" {
  if (sort.key !== key) return "none";
  return sort.descending ? "descending" : "ascending";
}

export function direction(sort: ListSort<string>): Ordering {
  return sort.descending ? "DESC" : "ASC";
}

/**
 * A list's sort kept in the URL (`?sort=`): a reload keeps it and a view can be shared. Changing it
 * drops `page`. `onSort(key)` is what a header click does.
 */
export function useSortParam<K extends string>(
  keys: readonly K[],
  fallback: ListSort<K>,
  newestFirst: readonly K[],
) {
  const [params, setParams] = useSearchParams();
  const value = params.get("sort");
  const sort = useMemo(() => parseSort(value, keys, fallback), [value, keys, fallback]);
  const setSort = useCallback(
    (next: ListSort<K>) => {
      setParams((current) => {
        const updated = new URLSearchParams(current);
        const param = sortParam(next, fallback);
        if (param) updated.set("sort", param);
        else updated.delete("sort");
        updated.delete("page");
        return updated;
      });
    },
    [fallback, setParams],
  );
  const onSort = useCallback(
    (key: K) => {
      setSort(nextSort(sort, key, newestFirst));
    },
    [sort, setSort, newestFirst],
  );
  return { sort, setSort, onSort };
}
