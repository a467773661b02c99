/**
 * jsdom has no layout. For elements with a given data-testid this gives them a viewport height, a
 * scrollHeight taken from their first child's inline height, and a scrollTop that clamps and fires
 * "scroll" like a browser's, so virtualised lists and follow-the-tail logic can be tested.
 */
export function mockScrollLayout(testId: string, viewportHeight: number): () => void {
  const tops = new WeakMap<Element, number>();
  const proto = HTMLElement.prototype;
  const isTarget = (element: HTMLElement) => element.dataset.testid === testId;
  const contentHeight = (element: HTMLElement) =>
    Number.parseFloat((element.firstElementChild as HTMLElement | null)?.style.height ?? "0") || 0;
  const maxTop = (element: HTMLElement) => Math.max(0, contentHeight(element) - viewportHeight);

  Object.defineProperty(proto, "clientHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return isTarget(this) ? viewportHeight : 0;
    },
  });
  Object.defineProperty(proto, "clientWidth", {
    configurable: true,
    get(this: HTMLElement) {
      return isTarget(this) ? 800 : 0;
    },
  });
  Object.defineProperty(proto, "scrollHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return isTarget(this) ? Math.max(contentHeight(this), viewportHeight) : 0;
    },
  });
  Object.defineProperty(proto, "scrollTop", {
    configurable: true,
    get(this: HTMLElement) {
      return tops.get(this) ?? 0;
    },
    set(this: HTMLElement, value: number) {
      const next = Math.min(Math.max(0, value), isTarget(this) ? maxTop(this) : 0);
      if (next === (tops.get(this) ?? 0)) return;
      tops.set(this, next);
      // Like a browser: the scroll event comes after the script that scrolled, not inside it.
      queueMicrotask(() => {
        this.dispatchEvent(new Event("scroll"));
      });
    },
  });
  Object.defineProperty(proto, "scrollTo", {
    configurable: true,
    value(this: HTMLElement, options: ScrollToOptions | number, y?: number) {
      const top = typeof options === "number" ? y : options.top;
      if (typeof top === "number") this.scrollTop = top;
    },
  });

  return () => {
    for (const name of ["clientHeight", "clientWidth", "scrollHeight", "scrollTop", "scrollTo"] as const) {
      Reflect.deleteProperty(proto, name);
    }
  };
}
