import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useLocation } from "react-router";
import { describe, expect, it } from "vitest";
import { SearchInput } from "@/components/search-input";
import { useSearchParam } from "@/lib/use-search-param";
import { renderWithProviders } from "@/testing/render";

function Page() {
  const [search, setSearch] = useSearchParam();
  const location = useLocation();
  return (
    <>
      <SearchInput ariaLabel="Search" placeholder="Name" value={search} onSearch={setSearch} />
      <output data-testid="url">{location.search}</output>
    </>
  );
}

describe("SearchInput with useSearchParam", () => {
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
