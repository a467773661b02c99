import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// jsdom lacks these browser APIs that Mantine and TanStack Virtual use.
class ResizeObserverStub {
  observe() {
    /* no layout in jsdom */
  }
  unobserve() {
    /* no layout in jsdom */
  }
  disconnect() {
    /* no layout in jsdom */
  }
}
function define(target: object, name: string, value: unknown) {
  if ((target as Record<string, unknown>)[name] === undefined)
    Object.defineProperty(target, name, { configurable: true, writable: true, value });
}

define(window, "ResizeObserver", ResizeObserverStub);
define(window, "matchMedia", (query: string) => ({
  matches: false,
  media: query,
  onchange: null,
  addEventListener: () => undefined,
  removeEventListener: () => undefined,
  dispatchEvent: () => false,
}));
define(Element.prototype, "scrollIntoView", () => undefined);

afterEach(() => {
  cleanup();
});
