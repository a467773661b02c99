import { ActionIcon, Button, Group, Modal, Popover, Stack, Text, Tooltip } from "@mantine/core";
import { useState, type ReactNode } from "react";

interface ConfirmActionProps {
  readonly label: string;
  readonly message: ReactNode;
  readonly confirmLabel?: string;
  readonly icon: ReactNode;
  readonly onConfirm: () => void | Promise<void>;
  readonly loading?: boolean;
  readonly disabled?: boolean;
}

/** An icon button that asks for confirmation in a popover before a destructive action. */
export function ConfirmAction(props: ConfirmActionProps) {
  const { label, message, confirmLabel = "Delete", icon, onConfirm, loading, disabled } = props;
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} withArrow shadow="md" position="bottom-end" trapFocus>
      <Popover.Target>
        <Tooltip label={label} withArrow disabled={opened}>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={label}
            loading={loading}
            disabled={disabled}
            onClick={() => {
              setOpened((value) => !value);
            }}
          >
            {icon}
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown maw={280}>
        <Stack gap="xs">
          <Text size="sm">{message}</Text>
          <Group justify="flex-end" gap="xs">
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                setOpened(false);
              }}
            >
              Keep
            </Button>
            <Button
              size="xs"
              color="red"
              onClick={() => {
                setOpened(false);
                void onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

interface ConfirmButtonProps {
  readonly children: ReactNode;
  readonly title: string;
  readonly message: ReactNode;
  readonly confirmLabel: string;
  readonly leftSection?: ReactNode;
  readonly onConfirm: () => void | Promise<void>;
  readonly loading?: boolean;
}

/** A button that opens a dialog asking to confirm a destructive action. */
export function ConfirmButton(props: ConfirmButtonProps) {
  const { children, title, message, confirmLabel, leftSection, onConfirm, loading } = props;
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        variant="subtle"
        color="red"
        leftSection={leftSection}
        loading={loading}
        onClick={() => {
          setOpened(true);
        }}
      >
        {children}
      </Button>
      <Modal
        opened={opened}
        onClose={() => {
          setOpened(false);
        }}
        title={title}
        centered
      >
        <Stack gap="md">
          <Text size="sm">{message}</Text>
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              onClick={() => {
                setOpened(false);
              }}
              data-autofocus
            >
              Keep it
            </Button>
            <Button
              color="red"
              onClick={() => {
                setOpened(false);
                void onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
