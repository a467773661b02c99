import { afterEach, describe, expect, it } from "vitest";
import { iconUrl, setPageTitle, setTabNotice, tabTitle } from "@/lib/tab-state";

function icon(): HTMLLinkElement | null {
  return document.querySelector<HTMLLinkElement>('link[rel="icon"]');
}

describe("tab state", () => {
  afterEach(() => {
    setPageTitle(null);
    setTabNotice(0, null);
  });

  it("composes the title from the unseen count and the page", () => {
    expect(tabTitle(null, 0)).toBe("OASIS");
    expect(tabTitle(null, 1)).toBe("(1) OASIS");
    expect(tabTitle("Running · Task #7", 2)).toBe("(2) Running · Task #7 · OASIS");
  });

  it("writes the title and swaps the icon for a badged one, and back", () => {
    setPageTitle("Failed · Task #3");
    setTabNotice(1, "failed");
    expect(document.title).toBe("(1) Failed · Task #3 · OASIS");
    expect(icon()?.dataset.badge).toBe("failed");
    expect(icon()?.getAttribute("href")).toBe(iconUrl("failed"));
    expect(decodeURIComponent(iconUrl("failed"))).toContain('fill="#e03131"');
    setTabNotice(0, null);
    setPageTitle(null);
    expect(document.title).toBe("OASIS");
    expect(icon()?.getAttribute("href")).toBe("/favicon.svg");
  });
});
