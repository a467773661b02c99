import { Anchor, Breadcrumbs, Text } from "@mantine/core";
import { Link, useNavigate, useParams } from "react-router";
import { paths } from "@/config/paths";
import { DatasetDetail } from "@/features/datasets/components/dataset-detail";

export function DatasetDetailRoute() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  return (
    <DatasetDetail
      id={id}
      breadcrumbs={
        <Breadcrumbs>
          <Anchor component={Link} to={paths.datasets} size="sm">
            Datasets
          </Anchor>
          <Text size="sm">Dataset</Text>
        </Breadcrumbs>
      }
      onDeleted={() => {
        void navigate(paths.datasets, { replace: true });
      }}
    />
  );
}
