import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Provider as UrqlProvider } from "urql";
import { SessionContext } from "@/app/session-control";
import { createGraphQLSession, type GraphQLSession } from "@/lib/graphql-client";
import { LiveConnectionContext } from "@/lib/live-connection-context";

interface Current {
  readonly session: GraphQLSession;
  readonly epoch: number;
}

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [current, setCurrent] = useState<Current>(() => ({ session: createGraphQLSession(), epoch: 0 }));
  const previous = useRef<GraphQLSession | null>(null);

  // The socket of the session just replaced is closed once the new one is in place.
  useEffect(() => {
    const old = previous.current;
    previous.current = current.session;
    if (old && old !== current.session) old.dispose();
  }, [current.session]);

  const restart = useCallback(() => {
    setCurrent((before) => ({ session: createGraphQLSession(), epoch: before.epoch + 1 }));
  }, []);
  const control = useMemo(() => ({ restart }), [restart]);

  return (
    <SessionContext.Provider value={control}>
      <UrqlProvider value={current.session.client}>
        <LiveConnectionContext.Provider value={current.session.live}>
          {/* Remounting on a new session drops every component's state from the previous user. */}
          <SessionBoundary key={current.epoch}>{children}</SessionBoundary>
        </LiveConnectionContext.Provider>
      </UrqlProvider>
    </SessionContext.Provider>
  );
}

function SessionBoundary({ children }: { readonly children: ReactNode }) {
  return <>{children}</>;
}
