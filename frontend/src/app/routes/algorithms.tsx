import { Button } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { Link, useNavigate } from "react-router";
import { PageHeader } from "@/components/page-header";
import { paths } from "@/config/paths";
import { AlgorithmsTable } from "@/features/algorithms/components/algorithms-table";

export function AlgorithmsRoute() {
  const navigate = useNavigate();
  const newButton = (
    <Button component={Link} to={paths.newAlgorithm} leftSection={<IconPlus size={16} />}>
      New algorithm
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Algorithms"
        description="How to run an image: its command, environment, and resource limits."
        actions={newButton}
      />
      <AlgorithmsTable
        emptyAction={newButton}
        onRunStarted={(taskId) => {
          void navigate(paths.task(taskId));
        }}
      />
    </>
  );
}
