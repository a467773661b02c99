import { lazy } from "react";
import { createBrowserRouter, Navigate } from "react-router";
import { AppLayout } from "@/app/layout/app-layout";
import { RequireUser } from "@/app/layout/require-user";
import { LoginRoute } from "@/app/routes/login";
import { NotFoundRoute } from "@/app/routes/not-found";
import { paths } from "@/config/paths";

// Each page is its own chunk, loaded when first visited.
const ImagesRoute = lazy(() => import("@/app/routes/images").then((m) => ({ default: m.ImagesRoute })));
const AlgorithmsRoute = lazy(() =>
  import("@/app/routes/algorithms").then((m) => ({ default: m.AlgorithmsRoute })),
);
const AlgorithmNewRoute = lazy(() =>
  import("@/app/routes/algorithm-new").then((m) => ({ default: m.AlgorithmNewRoute })),
);
const AlgorithmEditRoute = lazy(() =>
  import("@/app/routes/algorithm-edit").then((m) => ({ default: m.AlgorithmEditRoute })),
);
const DatasetsRoute = lazy(() => import("@/app/routes/datasets").then((m) => ({ default: m.DatasetsRoute })));
const DatasetNewRoute = lazy(() =>
  import("@/app/routes/dataset-new").then((m) => ({ default: m.DatasetNewRoute })),
);
const DatasetDetailRoute = lazy(() =>
  import("@/app/routes/dataset-detail").then((m) => ({ default: m.DatasetDetailRoute })),
);
const TasksRoute = lazy(() => import("@/app/routes/tasks").then((m) => ({ default: m.TasksRoute })));
const TaskDetailRoute = lazy(() =>
  import("@/app/routes/task-detail").then((m) => ({ default: m.TaskDetailRoute })),
);

export const router = createBrowserRouter([
  { path: "/login", element: <LoginRoute /> },
  {
    path: "/",
    element: (
      <RequireUser>
        <AppLayout />
      </RequireUser>
    ),
    children: [
      { index: true, element: <Navigate to={paths.tasks} replace /> },
      { path: "images", element: <ImagesRoute /> },
      { path: "algorithms", element: <AlgorithmsRoute /> },
      { path: "algorithms/new", element: <AlgorithmNewRoute /> },
      { path: "algorithms/:id", element: <AlgorithmEditRoute /> },
      { path: "datasets", element: <DatasetsRoute /> },
      { path: "datasets/new", element: <DatasetNewRoute /> },
      { path: "datasets/:id", element: <DatasetDetailRoute /> },
      { path: "tasks", element: <TasksRoute /> },
      { path: "tasks/:id", element: <TaskDetailRoute /> },
      { path: "*", element: <NotFoundRoute /> },
    ],
  },
]);
