import type { ReactNode } from "react";
import type { CombinedError, OperationContext } from "urql";
import { CursorPagination } from "@/components/cursor-pagination";
import { SearchInput } from "@/components/search-input";
import { EmptyState, LoadingState, QueryErrorState } from "@/components/states";
import type { ListPager } from "@/lib/use-list-state";

/** What a list page reads of its relay connection. */
export interface ListConnection {
  readonly totalCount?: number | null;
  readonly pageInfo: { readonly hasNextPage: boolean };
}

interface ListViewProps {
  /** From `useListState`. */
  readonly list: {
    readonly search: string;
    readonly setSearch: (value: string) => void;
    readonly filtered: boolean;
    readonly pageSize: number;
    readonly pager: ListPager;
  };
  /** Plural, in the product's words: "images" ("Loading images…", "1–25 of 80 images"). */
  readonly noun: string;
  /** The page read from the API; undefined until the first answer. */
  readonly connection: ListConnection | undefined;
  readonly error: CombinedError | undefined;
  readonly refetch: (context: Partial<OperationContext>) => void;
  /** How many items the page shows. */
  readonly shown: number;
  /** The list's size where it is not the connection's `totalCount` (tasks added live). */
  readonly total?: number | null;
  /** Above the list: its filters. By default a search by name. */
  readonly toolbar?: ReactNode;
  /** Shown alone while there is nothing at all. */
  readonly empty: ReactNode;
  /** Shown under the toolbar when the search or the filters leave nothing. By default: nothing is named like the search. */
  readonly noMatch?: ReactNode;
  /** The items: a table, cards. */
  readonly children: ReactNode;
}

/**
 * A list page's frame: its search (or filters), the loading, error and empty states, the items and the
 * pager. The search, filters and page come from `useListState` (the URL).
 */
export function ListView(props: ListViewProps) {
  const { list, noun, connection, error, refetch, shown, total, empty, children } = props;
  const { search, setSearch, filtered, pageSize, pager } = list;
  const nothingYet = connection !== undefined && shown === 0 && pager.page === 1 && !filtered;
  if (nothingYet) return empty;

  const toolbar = props.toolbar ?? (
    <SearchInput
      placeholder="Search by name"
      ariaLabel={`Search ${noun} by name`}
      value={search}
      onSearch={setSearch}
      maw={320}
      mb="md"
    />
  );
  const noMatch = props.noMatch ?? (
    <EmptyState
      title={`No ${noun.replace(/s$/, "")} matches`}
      description={`Nothing is named like “${search}”.`}
    />
  );

  let body: ReactNode;
  if (error && !connection) {
    body = <QueryErrorState error={error} refetch={refetch} />;
  } else if (!connection) {
    body = <LoadingState label={`Loading ${noun}…`} />;
  } else {
    body = (
      <>
        {shown > 0 ? children : filtered ? noMatch : null}
        {shown > 0 || pager.page > 1 ? (
          <CursorPagination
            pager={pager}
            pageInfo={connection.pageInfo}
            pageSize={pageSize}
            shown={shown}
            total={total === undefined ? connection.totalCount : total}
            noun={noun}
          />
        ) : null}
      </>
    );
  }
  return (
    <>
      {/* Not before the first answer, unless filtered: an empty list shows no search box. */}
      {connection !== undefined || filtered ? toolbar : null}
      {body}
    </>
  );
}
