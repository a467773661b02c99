import { Anchor, Breadcrumbs, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useNavigate } from "react-router";
import { PageHeader } from "@/components/page-header";
import { paths } from "@/config/paths";
import { AlgorithmForm } from "@/features/algorithms/components/algorithm-form";

export function AlgorithmNewRoute() {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        eyebrow={
          <Breadcrumbs>
            <Anchor component={Link} to={paths.algorithms} size="sm">
              Algorithms
            </Anchor>
            <Text size="sm">New</Text>
          </Breadcrumbs>
        }
        title="New algorithm"
        description="Choose an image and say how to run it. The container finds its dataset in input/ and writes results to output/."
      />
      <AlgorithmForm
        onSaved={(algorithm) => {
          notifications.show({ color: "teal", title: "Algorithm created", message: algorithm.name });
          void navigate(paths.algorithms);
        }}
        onCancel={() => {
          void navigate(paths.algorithms);
        }}
      />
    </>
  );
}
