/**
 * The browser's own notifications, opt-in: the user turns them on with a click (the permission is
 * asked only then, as browsers require a user gesture) and the choice is kept in localStorage.
 */
import { useSyncExternalStore } from "react";

const KEY = "oasis.browser-notifications";
const listeners = new Set<() => void>();

export type BrowserNotificationState = "unsupported" | "denied" | "off" | "on";

function supported(): boolean {
  return typeof window !== "undefined" && "Notification" in window;
}

function readState(): BrowserNotificationState {
  if (!supported()) return "unsupported";
  if (Notification.permission === "denied") return "denied";
  const wanted = window.localStorage.getItem(KEY) === "on";
  return wanted && Notification.permission === "granted" ? "on" : "off";
}

/** Read once and again only when it may have changed: reading the permission and localStorage on
 * every render cost seconds of main thread while hundreds of tasks changed state. */
let cached: BrowserNotificationState | null = null;

export function browserNotificationState(): BrowserNotificationState {
  cached ??= readState();
  return cached;
}

function changed(): void {
  cached = null;
  listeners.forEach((listener) => {
    listener();
  });
}

if (typeof window !== "undefined") {
  // Another tab's choice, or a permission changed in the browser's settings while we were away.
  window.addEventListener("storage", (event) => {
    if (event.key === KEY) changed();
  });
  window.addEventListener("focus", changed);
}

/** Turn them on (asking for the permission if needed; call from a click) or off. */
export async function setBrowserNotifications(on: boolean): Promise<BrowserNotificationState> {
  if (!supported()) return "unsupported";
  if (on && Notification.permission === "default") await Notification.requestPermission();
  window.localStorage.setItem(KEY, on && Notification.permission === "granted" ? "on" : "off");
  changed();
  return browserNotificationState();
}

export function useBrowserNotifications(): BrowserNotificationState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    browserNotificationState,
    () => "unsupported" as const,
  );
}

/** Shows a notification when they are on and the page is not in view (the in-app one is, otherwise). */
export function notifyInBrowser(title: string, body: string, onClick?: () => void): void {
  if (browserNotificationState() !== "on" || document.visibilityState === "visible") return;
  const notification = new Notification(title, { body, icon: "/favicon.svg", tag: title });
  notification.onclick = () => {
    window.focus();
    onClick?.();
    notification.close();
  };
}
