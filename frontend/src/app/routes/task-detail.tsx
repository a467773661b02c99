import { useParams } from "react-router";
import { LogViewer } from "@/features/logs/components/log-viewer";
import { TaskDetail } from "@/features/tasks/components/task-detail";
import { pkFromGlobalId } from "@/lib/relay-id";

export function TaskDetailRoute() {
  const { id = "" } = useParams();
  return (
    <TaskDetail
      key={id}
      id={id}
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
