/**
 * The browser tab: its title ("(2) Failed · Task #7 · OASIS") and its icon (a dot when a task ended).
 * Pages set their part of the title, the task notifications set the count and the dot; this module
 * is the one place that writes `document.title` and the icon, so neither overwrites the other.
 */

import { useEffect } from "react";

export type TabBadge = "succeeded" | "failed" | null;

const APP = "OASIS";
const BADGE_COLOURS: Readonly<Record<Exclude<TabBadge, null>, string>> = {
  succeeded: "#2f9e44",
  failed: "#e03131",
};
// public/favicon.svg, inlined so the badged icon can be a data URL (which cannot load other files).
const ICON_BODY =
  '<rect width="32" height="32" rx="7" fill="#0c8599"/><path d="M16 6c-5.5 0-10 4.5-10 10s4.5 10 10 10 10-4.5 10-10S21.5 6 16 6zm0 4a6 6 0 1 1 0 12 6 6 0 0 1 0-12z" fill="#fff"/>';

let pageTitle: string | null = null;
let count = 0;
let badge: TabBadge = null;

export function tabTitle(page: string | null, unseen: number): string {
  const prefix = unseen > 0 ? `(${String(unseen)}) ` : "";
  return `${prefix}${page ? `${page} · ` : ""}${APP}`;
}

/** The icon as an SVG data URL, with a coloured dot in its corner for a badge. */
export function iconUrl(state: TabBadge): string {
  const dot = state
    ? `<circle cx="25" cy="7" r="7" fill="${BADGE_COLOURS[state]}" stroke="#fff" stroke-width="2"/>`
    : "";
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${ICON_BODY}${dot}</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function render(): void {
  if (typeof document === "undefined") return;
  document.title = tabTitle(pageTitle, count);
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = document.createElement("link");
    link.rel = "icon";
    document.head.appendChild(link);
  }
  const href = badge ? iconUrl(badge) : "/favicon.svg";
  if (link.getAttribute("href") !== href) {
    link.type = "image/svg+xml";
    link.setAttribute("href", href);
    link.dataset.badge = badge ?? "";
  }
}

/** The page's part of the title (null: just "OASIS"). */
export function setPageTitle(title: string | null): void {
  pageTitle = title;
  render();
}

/** How many of the user's tasks ended unseen, and the icon's dot. */
export function setTabNotice(unseen: number, state: TabBadge): void {
  count = unseen;
  badge = state;
  render();
}

/** Sets the page's part of the title while the calling component is shown. */
export function usePageTitle(title: string | null): void {
  useEffect(() => {
    setPageTitle(title);
    return () => {
      setPageTitle(null);
    };
  }, [title]);
}
