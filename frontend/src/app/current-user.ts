import { createContext, useContext } from "react";

export interface CurrentUser {
  readonly id: string;
  readonly username: string;
  readonly isStaff: boolean;
}

export const CurrentUserContext = createContext<CurrentUser | null>(null);

export function useCurrentUser(): CurrentUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error("useCurrentUser is only for pages behind RequireUser.");
  return user;
}
