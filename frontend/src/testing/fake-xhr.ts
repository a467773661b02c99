import { waitFor } from "@testing-library/react";
import { afterEach, beforeEach, expect } from "vitest";

/** A stand-in for XMLHttpRequest that records requests and lets a test drive progress and the answer. */
export class FakeXhr {
  static instances: FakeXhr[] = [];

  method = "";
  url = "";
  headers: Record<string, string> = {};
  body: FormData | null = null;
  withCredentials = false;
  status = 0;
  responseText = "";
  aborted = false;
  readonly upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  constructor() {
    FakeXhr.instances.push(this);
  }

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }

  send(body: FormData) {
    this.body = body;
  }

  abort() {
    this.aborted = true;
    this.onabort?.();
  }

  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
  }

  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === "string" ? body : JSON.stringify(body);
    this.onload?.();
  }

  static install(): () => void {
    const original = window.XMLHttpRequest;
    FakeXhr.instances = [];
    window.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
    return () => {
      window.XMLHttpRequest = original;
    };
  }

  /** Puts the fake in place, with a CSRF cookie, around each test of the calling file. */
  static installForEachTest(): void {
    let restore: () => void = () => undefined;
    beforeEach(() => {
      restore = FakeXhr.install();
      document.cookie = "csrftoken=test-token";
    });
    afterEach(() => {
      restore();
    });
  }

  /** The first request, once it has been made. */
  static async first(): Promise<FakeXhr> {
    await waitFor(() => {
      expect(FakeXhr.instances).toHaveLength(1);
    });
    return FakeXhr.last();
  }

  static last(): FakeXhr {
    const xhr = FakeXhr.instances.at(-1);
    if (!xhr) throw new Error("no XMLHttpRequest was made");
    return xhr;
  }
}
