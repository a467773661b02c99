import { Anchor, Breadcrumbs, Paper, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useNavigate } from "react-router";
import { PageHeader } from "@/components/page-header";
import { paths } from "@/config/paths";
import { CreateDatasetForm } from "@/features/datasets/components/create-dataset-form";

export function DatasetNewRoute() {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        eyebrow={
          <Breadcrumbs>
            <Anchor component={Link} to={paths.datasets} size="sm">
              Datasets
            </Anchor>
            <Text size="sm">New</Text>
          </Breadcrumbs>
        }
        title="New dataset"
        description="Drop files and whole folders; their relative paths are kept."
      />
      <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
        <CreateDatasetForm
          onCreated={(dataset) => {
            notifications.show({ color: "teal", title: "Dataset created", message: dataset.name });
            void navigate(paths.dataset(dataset.id));
          }}
          onCancel={() => {
            void navigate(paths.datasets);
          }}
        />
      </Paper>
    </>
  );
}
