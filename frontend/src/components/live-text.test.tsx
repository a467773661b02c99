import { act, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LiveText } from "@/components/live-text";

describe("LiveText", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-12-07T12:00:00Z"));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("ticks every second on one shared interval, and stops it when no text is left", () => {
    const intervals = vi.spyOn(window, "setInterval");
    const started = Date.now();
    const { unmount } = render(
      <>
        <span data-testid="a">
          <LiveText>{(now) => `${String(Math.round((now - started) / 1000))} s`}</LiveText>
        </span>
        <span data-testid="b">
          <LiveText>{(now) => `b ${String(Math.round((now - started) / 1000))}`}</LiveText>
        </span>
      </>,
    );
    expect(screen.getByTestId("a").textContent).toBe("0 s");
    act(() => {
      vi.advanceTimersByTime(3000);
    });
    expect(screen.getByTestId("a").textContent).toBe("3 s");
    expect(screen.getByTestId("b").textContent).toBe("b 3");
    expect(intervals).toHaveBeenCalledTimes(1);
    const cleared = vi.spyOn(window, "clearInterval");
    unmount();
    expect(cleared).toHaveBeenCalledTimes(1);
  });
});
