import { notifications } from "@mantine/notifications";
import { useNavigate, useParams } from "react-router";
import { paths } from "@/config/paths";
import { AlgorithmEditor } from "@/features/algorithms/components/algorithm-editor";

export function AlgorithmEditRoute() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  return (
    <AlgorithmEditor
      id={id}
      onSaved={(algorithm) => {
        notifications.show({ color: "teal", title: "Changes saved", message: algorithm.name });
      }}
      onCancel={() => {
        void navigate(paths.algorithms);
      }}
      onRunStarted={(taskId) => {
        void navigate(paths.task(taskId));
      }}
    />
  );
}
