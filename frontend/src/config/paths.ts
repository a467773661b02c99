import { shortId } from "@/lib/relay-id";

/** The app's URLs, shared so features can link to each other's pages without importing each other. */
export const paths = {
  home: "/",
  login: (next?: string) => (next && next !== "/" ? `/login?next=${encodeURIComponent(next)}` : "/login"),
  images: "/images",
  algorithms: "/algorithms",
  newAlgorithm: "/algorithms/new",
  algorithm: (id: string) => `/algorithms/${encodeURIComponent(id)}`,
  datasets: "/datasets",
  newDataset: "/datasets/new",
  dataset: (id: string) => `/datasets/${encodeURIComponent(id)}`,
  tasks: "/tasks",
  /** `/tasks/123`: the number the UI shows (a relay id is accepted too). */
  task: (id: string) => `/tasks/${encodeURIComponent(shortId(id))}`,
} as const;
