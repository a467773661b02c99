import { Button, Modal, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useCurrentUser } from "@/app/current-user";
import { PageHeader } from "@/components/page-header";
import { ImagesTable } from "@/features/images/components/images-table";
import { RegisterImageForm } from "@/features/images/components/register-image-form";
import { RegistryLogins } from "@/features/images/components/registry-logins";

export function ImagesRoute() {
  const user = useCurrentUser();
  const [opened, { open, close }] = useDisclosure(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const registerButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={open}>
      Register image
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Images"
        description="Docker images your algorithms run in: pulled from a registry or uploaded as a tarball, then pinned by their image id."
        actions={registerButton}
      />
      <Stack gap="xl">
        <ImagesTable refreshKey={refreshKey} emptyAction={registerButton} currentUserId={user.id} />
        <RegistryLogins />
      </Stack>
      <Modal
        opened={opened}
        onClose={close}
        title="Register an image"
        size="lg"
        centered
        closeOnClickOutside={false}
      >
        <RegisterImageForm
          onCancel={close}
          onRegistered={(image) => {
            close();
            setRefreshKey((key) => key + 1);
            notifications.show({
              color: "teal",
              title: "Image registered",
              message:
                image.status === "PENDING"
                  ? `${image.name} is being pulled or verified; its status in the list turns Ready when it can run.`
                  : image.name,
            });
          }}
        />
      </Modal>
    </>
  );
}
