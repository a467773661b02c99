import { Paper } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "react-router";
import { PageHeader } from "@/components/page-header";
import { ParentBreadcrumbs } from "@/components/parent-breadcrumbs";
import { paths } from "@/config/paths";
import { CreateDatasetForm } from "@/features/datasets/components/create-dataset-form";

export function DatasetNewRoute() {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        eyebrow={<ParentBreadcrumbs parent={{ label: "Datasets", to: paths.datasets }} current={"New"} />}
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
