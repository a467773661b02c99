import { ActionIcon, Button, Group, Modal, Popover, Stack, Text, Tooltip } from "@mantine/core";
import { useState, type ReactNode } from "react";

interface ConfirmChoicesProps {
  readonly message: ReactNode;
  readonly keepLabel: string;
  readonly confirmLabel: string;
  readonly size: "xs" | "sm";
  readonly onClose: () => void;
  readonly onConfirm: () => void | Promise<void>;
}

/** The question and its two answers: keep (the focus starts there) or go ahead. Both close. */
function ConfirmChoices({ message, keepLabel, confirmLabel, size, onClose, onConfirm }: ConfirmChoicesProps) {
  return (
    <Stack gap={size === "xs" ? "xs" : "md"}>
      <Text size="sm">{message}</Text>
      <Group justify="flex-end" gap={size}>
        <Button size={size} variant="default" onClick={onClose} data-autofocus>
          {keepLabel}
        </Button>
        <Button
          size={size}
          color="red"
          onClick={() => {
            onClose();
            void onConfirm();
          }}
        >
          {confirmLabel}
        </Button>
      </Group>
    </Stack>
  );
}

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
        <ConfirmChoices
          message={message}
          keepLabel="Keep"
          confirmLabel={confirmLabel}
          size="xs"
          onClose={() => {
            setOpened(false);
          }}
          onConfirm={onConfirm}
        />
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
        <ConfirmChoices
          message={message}
          keepLabel="Keep it"
          confirmLabel={confirmLabel}
          size="sm"
          onClose={() => {
            setOpened(false);
          }}
          onConfirm={onConfirm}
        />
      </Modal>
    </>
  );
}
