import { useNavigate, useParams } from "react-router";
import { paths } from "@/config/paths";
import { LogViewer } from "@/features/logs/components/log-viewer";
import { TaskDetail } from "@/features/tasks/components/task-detail";
import { globalIdFromParam, pkFromGlobalId } from "@/lib/relay-id";

export function TaskDetailRoute() {
  const { id: param = "" } = useParams();
  const id = globalIdFromParam("AlgorithmTask", param);
  const navigate = useNavigate();
  return (
    <TaskDetail
      key={id}
      id={id}
      onRerunStarted={(taskId) => {
        void navigate(paths.task(taskId));
      }}
      renderLogs={(task) => (
        <LogViewer
          key={task.id}
          taskId={task.id}
          initialCount={task.logLineCount}
          fileName={`oasis-task-${pkFromGlobalId(task.id)}.log`}
        />
      )}
    />
  );
}
