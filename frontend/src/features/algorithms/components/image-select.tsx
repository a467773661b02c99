import { Alert, Anchor, Select } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { Link } from "react-router";
import { paths } from "@/config/paths";
import type { ImageChoice } from "@/features/algorithms/hooks/use-image-choice";
import type { ImageReadiness } from "@/features/algorithms/utils/image-readiness";

interface ImageSelectProps {
  readonly choice: ImageChoice;
  readonly value: string | null;
  readonly onChange: (imageId: string | null) => void;
  readonly error?: string;
}

/** The image an algorithm runs, with a way to register one when there is none. */
export function ImageSelect({ choice, value, onChange, error }: ImageSelectProps) {
  return (
    <Select
      label="Image"
      placeholder={choice.loading ? "Loading images…" : "Choose an image"}
      data={choice.options}
      value={value}
      onChange={onChange}
      searchable
      nothingFoundMessage="No image matches"
      error={error ?? (choice.failed ? "Could not load the images." : undefined)}
      description={
        choice.noImages ? (
          <>
            No images yet:{" "}
            <Anchor component={Link} to={paths.images} size="xs">
              register one first
            </Anchor>
            .
          </>
        ) : undefined
      }
      required
    />
  );
}

/** Says why tasks cannot run the chosen image (yet); nothing once it is ready. */
export function ImageReadinessAlert({ readiness }: { readonly readiness: ImageReadiness }) {
  if (readiness === "ready") return null;
  return (
    <Alert
      color={readiness === "failed" ? "red" : "yellow"}
      variant="light"
      icon={<IconAlertTriangle size={18} />}
    >
      {readiness === "failed"
        ? "This image could not be pulled or verified; tasks cannot run it. See the Images page for why."
        : "This image is still being pulled or verified; tasks can run once it is ready."}
    </Alert>
  );
}
