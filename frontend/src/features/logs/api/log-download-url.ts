import { useQuery } from "urql";
import { graphql } from "@/gql/gql";

/** Where the whole stored log downloads from (plain HTTP, with stream, label and ANSI options). */
export const TaskLogDownloadUrlQuery = graphql(`
  query TaskLogDownloadUrl($id: ID!) {
    task(id: $id) {
      id
      logDownloadUrl
    }
  }
`);

export function useLogDownloadUrl(taskId: string): string | null {
  const [{ data }] = useQuery({ query: TaskLogDownloadUrlQuery, variables: { id: taskId } });
  return data?.task?.logDownloadUrl ?? null;
}

/** The download URL with options: `streams` (default all), stream labels, ANSI escape codes stripped. */
export function logDownloadHref(
  base: string,
  options: { readonly stderrOnly?: boolean; readonly labels?: boolean; readonly stripAnsi?: boolean },
): string {
  const params = new URLSearchParams();
  if (options.stderrOnly) params.set("streams", "stderr");
  if (options.labels) params.set("labels", "1");
  if (options.stripAnsi) params.set("ansi", "strip");
  const query = params.toString();
  if (!query) return base;
  return `${base}${base.includes("?") ? "&" : "?"}${query}`;
}
