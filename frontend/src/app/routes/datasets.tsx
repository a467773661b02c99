import { Button } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { Link } from "react-router";
import { PageHeader } from "@/components/page-header";
import { paths } from "@/config/paths";
import { DatasetsTable } from "@/features/datasets/components/datasets-table";

export function DatasetsRoute() {
  const newButton = (
    <Button component={Link} to={paths.newDataset} leftSection={<IconPlus size={16} />}>
      New dataset
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Datasets"
        description="Files that algorithms read, and the outputs that tasks write."
        actions={newButton}
      />
      <DatasetsTable emptyAction={newButton} />
    </>
  );
}
