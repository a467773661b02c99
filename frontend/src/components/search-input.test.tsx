import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useLocation } from "react-router";
import { describe, expect, it } from "vitest";
import type { ImageOrder } from "@/gql/graphql";
import { SearchInput } from "@/components/search-input";
import { listSorting } from "@/lib/list-sort";
import { useListState } from "@/lib/use-list-state";
import { renderWithProviders } from "@/testing/render";

const SORTING = listSorting<"created", ImageOrder>({
  columns: { created: (way) => ({ createdAt: way }) },
  fallback: { key: "created", descending: true },
  newestFirst: ["created"],
  tieBreak: { createdAt: "DESC" },
});

function Page() {
  const { search, setSearch } = useListState(SORTING);
  const location = useLocation();
  return (
    <>
      <SearchInput ariaLabel="Search" placeholder="Name" value={search} onSearch={setSearch} />
      <output data-testid="url">{location.search}</output>
    </>
  );
}

describe("SearchInput with useListState", () => {
  it("puts the search in the URL after a pause in typing, trimmed, and removes it when cleared", async () => {
    renderWithProviders(<Page />);
    await userEvent.type(screen.getByRole("textbox", { name: "Search" }), " scans ");
    await waitFor(() => {
      expect(screen.getByTestId("url")).toHaveTextContent("?q=scans");
    });
    expect(screen.getByRole("textbox", { name: "Search" })).toHaveValue(" scans ");
    await userEvent.clear(screen.getByRole("textbox", { name: "Search" }));
    await waitFor(() => {
      expect(screen.getByTestId("url")).toHaveTextContent(/^$/);
    });
  });
});
