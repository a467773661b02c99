/** The one GraphQL client: urql over HTTP (session cookie + CSRF header) and the websocket for subscriptions. */
import { cacheExchange, Client, fetchExchange, subscriptionExchange } from "@urql/core";
import { getCsrfToken } from "./csrf";
import { createLiveConnection, type LiveConnection } from "./live-connection";

export interface GraphQLSession {
  readonly client: Client;
  readonly live: LiveConnection;
  readonly dispose: () => void;
}

const csrfFetch: typeof fetch = async (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set("X-CSRFToken", await getCsrfToken());
  return fetch(input, { ...init, headers, credentials: "same-origin" });
};

/** A fresh client (and socket) per signed-in session, so no cached data survives a change of user. */
export function createGraphQLSession(): GraphQLSession {
  const live = createLiveConnection();
  const client = new Client({
    url: "/graphql",
    fetch: csrfFetch,
    preferGetMethod: false,
    requestPolicy: "cache-and-network",
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? "" };
          return {
            subscribe(sink) {
              const unsubscribe = live.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return { client, live, dispose: () => live.dispose() };
}
