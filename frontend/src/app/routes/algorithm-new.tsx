import { notifications } from "@mantine/notifications";
import { useNavigate } from "react-router";
import { PageHeader } from "@/components/page-header";
import { ParentBreadcrumbs } from "@/components/parent-breadcrumbs";
import { paths } from "@/config/paths";
import { AlgorithmForm } from "@/features/algorithms/components/algorithm-form";

export function AlgorithmNewRoute() {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        eyebrow={<ParentBreadcrumbs parent={{ label: "Algorithms", to: paths.algorithms }} current={"New"} />}
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
