import { Badge, Tooltip } from "@mantine/core";
import { useLiveStatus } from "@/lib/live-connection-context";

const LABELS = {
  idle: { label: "Idle", color: "gray", tip: "No live updates are needed on this page." },
  connecting: { label: "Connecting", color: "gray", tip: "Opening the live connection…" },
  connected: { label: "Live", color: "teal", tip: "Live updates are on." },
  reconnecting: { label: "Reconnecting", color: "yellow", tip: "The live connection dropped; retrying." },
} as const;

/** The websocket's state, so users know whether what they see updates by itself. */
export function LiveIndicator() {
  const status = useLiveStatus();
  const meta = LABELS[status];
  if (status === "idle") return null;
  return (
    <Tooltip label={meta.tip} withArrow>
      <Badge variant="dot" color={meta.color} size="md" visibleFrom="xs" data-testid="live-indicator">
        {meta.label}
      </Badge>
    </Tooltip>
  );
}
