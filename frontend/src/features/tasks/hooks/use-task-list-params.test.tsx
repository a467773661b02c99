import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { useTaskListParams } from "@/features/tasks/hooks/use-task-list-params";
import { offsetCursor } from "@/lib/use-list-state";

function wrapper(url: string) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return <MemoryRouter initialEntries={[url]}>{children}</MemoryRouter>;
  };
}

describe("useTaskListParams", () => {
  it("reads filters and the page from the URL and pages by offset cursors", () => {
    const { result } = renderHook(() => useTaskListParams(), {
      wrapper: wrapper("/tasks?status=RUNNING,BOGUS&algorithm=QWxn&page=3"),
    });
    expect(result.current.statuses).toEqual(["RUNNING"]);
    expect(result.current.algorithmId).toBe("QWxn");
    expect(result.current.pager.page).toBe(3);
    expect(result.current.pager.after).toBe(offsetCursor(49));
    expect(atob(offsetCursor(49))).toBe("arrayconnection:49");

    act(() => {
      result.current.pager.next();
    });
    expect(result.current.pager.page).toBe(4);
    // Changing a filter goes back to the first page.
    act(() => {
      result.current.setStatuses(["FAILED", "CANCELLED"]);
    });
    expect(result.current.statuses).toEqual(["FAILED", "CANCELLED"]);
    expect(result.current.pager.page).toBe(1);
    expect(result.current.pager.after).toBeNull();
  });

  it("keeps the search and the sort in the URL", () => {
    const { result } = renderHook(() => useTaskListParams(), {
      wrapper: wrapper("/tasks?q=scans&sort=-status&page=2"),
    });
    expect(result.current.search).toBe("scans");
    expect(result.current.filters.search).toBe("scans");
    expect(result.current.sort).toEqual({ key: "status", descending: true });
    act(() => {
      result.current.setSort({ key: "algorithm", descending: false });
    });
    expect(result.current.sort).toEqual({ key: "algorithm", descending: false });
    expect(result.current.pager.page).toBe(1);
    act(() => {
      result.current.setSearch("");
    });
    expect(result.current.search).toBe("");
  });
});
