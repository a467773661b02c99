import { MantineProvider } from "@mantine/core";
import { render, type RenderResult } from "@testing-library/react";
import { StrictMode, type ReactElement } from "react";
import { MemoryRouter } from "react-router";
import { Provider as UrqlProvider } from "urql";
import { LiveConnectionContext } from "@/lib/live-connection-context";
import { createFakeLiveConnection, type FakeLiveConnection } from "./fake-live-connection";
import { createTestClient, type TestClient } from "./test-client";

export interface Rendered extends RenderResult {
  readonly graphql: TestClient;
  readonly live: FakeLiveConnection;
}

/** Renders with the app's providers: Mantine (test mode), a test urql client, a fake socket, a router. */
export function renderWithProviders(
  ui: ReactElement,
  {
    graphql = createTestClient(),
    live = createFakeLiveConnection(),
  }: { graphql?: TestClient; live?: FakeLiveConnection } = {},
): Rendered {
  // StrictMode, as in the app: effects run, clean up and run again, which catches unsafe cleanups.
  const result = render(
    <StrictMode>
      <MantineProvider env="test">
        <UrqlProvider value={graphql.client}>
          <LiveConnectionContext.Provider value={live}>
            <MemoryRouter>{ui}</MemoryRouter>
          </LiveConnectionContext.Provider>
        </UrqlProvider>
      </MantineProvider>
    </StrictMode>,
  );
  return { ...result, graphql, live };
}
