import { Button, Modal } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { PageHeader } from "@/components/page-header";
import { ImagesTable } from "@/features/images/components/images-table";
import { RegisterImageForm } from "@/features/images/components/register-image-form";

export function ImagesRoute() {
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
        description="Docker images your algorithms run in: pulled from a registry or uploaded as a tarball."
        actions={registerButton}
      />
      <ImagesTable refreshKey={refreshKey} emptyAction={registerButton} />
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
            notifications.show({ color: "teal", title: "Image registered", message: image.name });
          }}
        />
      </Modal>
    </>
  );
}
