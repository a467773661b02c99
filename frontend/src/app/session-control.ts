import { createContext, useContext } from "react";

export interface SessionControl {
  /** Starts over with a fresh client and socket (after signing in or out): nothing cached survives. */
  readonly restart: () => void;
}

export const SessionContext = createContext<SessionControl | null>(null);

export function useSessionControl(): SessionControl {
  const control = useContext(SessionContext);
  if (!control) throw new Error("useSessionControl needs the SessionProvider.");
  return control;
}
