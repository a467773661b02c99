import { useClock } from "@/lib/clock";

/** Text that depends on the time: `children(now)`, refreshed every second. */
export function LiveText({ children }: { readonly children: (now: number) => string }) {
  const now = useClock();
  return <>{children(now)}</>;
}
