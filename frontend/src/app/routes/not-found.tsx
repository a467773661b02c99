import { Button } from "@mantine/core";
import { Link } from "react-router";
import { EmptyState } from "@/components/states";
import { paths } from "@/config/paths";

export function NotFoundRoute() {
  return (
    <EmptyState
      title="Page not found"
      description="The address does not match any page of OASIS."
      action={
        <Button component={Link} to={paths.tasks} variant="light">
          Go to tasks
        </Button>
      }
    />
  );
}
