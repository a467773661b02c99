import { useCallback } from "react";
import { useSearchParams } from "react-router";

/**
 * One text value kept in the URL's query string (`?q=...` by default), so a reload keeps it and a
 * view can be shared. Setting it drops `page` (a new search starts on the first page); empty removes it.
 */
export function useSearchParam(name = "q"): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? "";
  const setValue = useCallback(
    (next: string) => {
      setParams((current) => {
        const updated = new URLSearchParams(current);
        if (next) updated.set(name, next);
        else updated.delete(name);
        updated.delete("page");
        return updated;
      });
    },
    [name, setParams],
  );
  return [value, setValue];
}
