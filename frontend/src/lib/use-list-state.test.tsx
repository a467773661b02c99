import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter, useLocation } from "react-router";
import { describe, expect, it } from "vitest";
import type { ImageOrder } from "@/gql/graphql";
import { listSorting } from "@/lib/list-sort";
import { offsetCursor, useListState } from "@/lib/use-list-state";

const SORTING = listSorting<"name" | "created", ImageOrder>({
  columns: { name: (way) => ({ name: way }), created: (way) => ({ createdAt: way }) },
  fallback: { key: "created", descending: true },
  newestFirst: ["created"],
  tieBreak: { createdAt: "DESC" },
});
const FILTERS = ["owner"] as const;

function render(url: string) {
  return renderHook(() => ({ list: useListState(SORTING, FILTERS, 10), location: useLocation() }), {
    wrapper: ({ children }: { children: ReactNode }) => (
      <MemoryRouter initialEntries={[url]}>{children}</MemoryRouter>
    ),
  });
}

describe("useListState", () => {
  it("keeps the page in the URL; a search, a sort or a filter goes back to the first page", () => {
    const { result } = render("/images?page=3");
    expect(result.current.list.pager.after).toBe(offsetCursor(19));
    expect(result.current.list.filtered).toBe(false);
    act(() => {
      result.current.list.pager.previous();
    });
    expect(result.current.location.search).toBe("?page=2");
    act(() => {
      result.current.list.setSearch("scans");
    });
    expect(result.current.location.search).toBe("?q=scans");
    expect(result.current.list.filtered).toBe(true);
    act(() => {
      result.current.list.pager.next();
    });
    act(() => {
      result.current.list.setFilter("owner", "ada");
    });
    expect(result.current.location.search).toBe("?q=scans&owner=ada");
    expect(result.current.list.filterValues).toEqual({ owner: "ada" });
  });

  it("sorts by a header click, turns it round, and keeps the default out of the URL", () => {
    const { result } = render("/images?sort=bogus&page=2");
    expect(result.current.list.sort).toEqual(SORTING.fallback);
    expect(result.current.list.ordering).toEqual([{ createdAt: "DESC" }]);
    act(() => {
      result.current.list.onSort("name");
    });
    expect(result.current.location.search).toBe("?sort=name");
    expect(result.current.list.ordering).toEqual([{ name: "ASC" }, { createdAt: "DESC" }]);
    act(() => {
      result.current.list.onSort("name");
    });
    expect(result.current.list.sort).toEqual({ key: "name", descending: true });
    act(() => {
      result.current.list.onSort("created");
    });
    expect(result.current.location.search).toBe("");
  });
});
