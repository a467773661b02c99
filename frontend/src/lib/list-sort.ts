import type { Ordering } from "@/gql/graphql";

/** How a list is sorted: one column, one way. In the URL as `?sort=name` or `?sort=-name` (descending). */
export interface ListSort<K extends string> {
  readonly key: K;
  readonly descending: boolean;
}

/** The columns a list sorts by through the API's `ordering`, and how they read and write the URL. */
export interface ListSorting<K extends string, O> {
  readonly keys: readonly K[];
  /** The list's own order, kept out of the URL. */
  readonly fallback: ListSort<K>;
  /** The columns a first click sorts descending (dates, sizes: the newest or largest first). */
  readonly newestFirst: readonly K[];
  /** `?sort=status` ascending, `?sort=-status` descending; anything else is the default. */
  readonly parse: (value: string | null) => ListSort<K>;
  /** The URL value; null for the default order. */
  readonly param: (sort: ListSort<K>) => string | null;
  /** A click on a column's header: that column, ascending (dates: newest first), or the other way round. */
  readonly next: (current: ListSort<K>, key: K) => ListSort<K>;
  /** The API's ordering: the column, then the tie-break so that equal values keep a stable order. */
  readonly ordering: (sort: ListSort<K>) => O[];
}

interface ListSortingSpec<K extends string, O> {
  /** Each column's order in the API, given the direction. */
  readonly columns: Readonly<Record<K, (way: Ordering) => O>>;
  readonly fallback: ListSort<K>;
  /** The columns a first click sorts descending (dates, sizes: the newest or largest first). */
  readonly newestFirst: readonly K[];
  /** Follows every column but the fallback's (newest first: the fallback is the creation time). */
  readonly tieBreak: O;
}

export function listSorting<K extends string, O>(spec: ListSortingSpec<K, O>): ListSorting<K, O> {
  const { columns, fallback, newestFirst, tieBreak } = spec;
  const keys = Object.keys(columns) as K[];
  const param = (sort: ListSort<K>): string | null => {
    if (sort.key === fallback.key && sort.descending === fallback.descending) return null;
    return sortValue(sort);
  };
  return {
    keys,
    fallback,
    newestFirst,
    parse: (value) => {
      const descending = value?.startsWith("-") ?? false;
      const key = descending ? value?.slice(1) : value;
      const known = keys.find((candidate) => candidate === key);
      return known ? { key: known, descending } : fallback;
    },
    param,
    next: (current, key) => {
      if (current.key === key) return { key, descending: !current.descending };
      return { key, descending: newestFirst.includes(key) };
    },
    ordering: (sort) => {
      const first = columns[sort.key](sort.descending ? "DESC" : "ASC");
      return sort.key === fallback.key ? [first] : [first, tieBreak];
    },
  };
}

/** `status` ascending, `-status` descending. */
export function sortValue(sort: ListSort<string>): string {
  return `${sort.descending ? "-" : ""}${sort.key}`;
}

/** The `aria-sort` of a column's header. */
export function ariaSort<K extends string>(sort: ListSort<K>, key: K): "ascending" | "descending" | "none" {
  if (sort.key !== key) return "none";
  return sort.descending ? "descending" : "ascending";
}
