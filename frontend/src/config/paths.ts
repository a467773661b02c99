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
  task: (id: string) => `/tasks/${encodeURIComponent(id)}`,
} as const;
