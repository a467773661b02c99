import { createBrowserRouter, Navigate } from "react-router";
import { AppLayout } from "@/app/layout/app-layout";
import { RequireUser } from "@/app/layout/require-user";
import { AlgorithmEditRoute } from "@/app/routes/algorithm-edit";
import { AlgorithmNewRoute } from "@/app/routes/algorithm-new";
import { AlgorithmsRoute } from "@/app/routes/algorithms";
import { DatasetDetailRoute } from "@/app/routes/dataset-detail";
import { DatasetNewRoute } from "@/app/routes/dataset-new";
import { DatasetsRoute } from "@/app/routes/datasets";
import { ImagesRoute } from "@/app/routes/images";
import { LoginRoute } from "@/app/routes/login";
import { NotFoundRoute } from "@/app/routes/not-found";
import { TaskDetailRoute } from "@/app/routes/task-detail";
import { TasksRoute } from "@/app/routes/tasks";
import { paths } from "@/config/paths";

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
