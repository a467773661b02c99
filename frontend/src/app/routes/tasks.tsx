import { Button } from "@mantine/core";
import { IconCpu } from "@tabler/icons-react";
import { Link } from "react-router";
import { PageHeader } from "@/components/page-header";
import { paths } from "@/config/paths";
import { TasksTable } from "@/features/tasks/components/tasks-table";

export function TasksRoute() {
  return (
    <>
      <PageHeader
        title="Tasks"
        description="Every run of an algorithm on a dataset. This list updates by itself."
        actions={
          <Button component={Link} to={paths.algorithms} variant="light" leftSection={<IconCpu size={16} />}>
            Run an algorithm
          </Button>
        }
      />
      <TasksTable
        emptyAction={
          <Button component={Link} to={paths.algorithms} variant="light">
            Choose an algorithm to run
          </Button>
        }
      />
    </>
  );
}
