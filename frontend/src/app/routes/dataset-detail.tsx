import { useNavigate, useParams } from "react-router";
import { ParentBreadcrumbs } from "@/components/parent-breadcrumbs";
import { paths } from "@/config/paths";
import { DatasetDetail } from "@/features/datasets/components/dataset-detail";

export function DatasetDetailRoute() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  return (
    <DatasetDetail
      id={id}
      breadcrumbs={
        <ParentBreadcrumbs parent={{ label: "Datasets", to: paths.datasets }} current={"Dataset"} />
      }
      onDeleted={() => {
        void navigate(paths.datasets, { replace: true });
      }}
    />
  );
}
