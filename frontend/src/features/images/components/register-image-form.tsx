import { Button, Checkbox, FileInput, Group, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import { useInputState } from "@mantine/hooks";
import { IconFileZip, IconUpload } from "@tabler/icons-react";
import { useState, type SubmitEvent } from "react";
import { GeneralErrors } from "@/components/form-errors";
import { UploadProgress } from "@/components/upload-progress";
import { useImageLimits } from "@/features/images/api/image-limits";
import { useRegisterImage, useRegisterImageUpload } from "@/features/images/api/register-image";
import { validateImage } from "@/features/images/utils/validate-image";
import type { ImageStatus } from "@/gql/graphql";
import { formatBytes } from "@/lib/format";
import { fieldProblems, NO_ERRORS, outcomeOf, sendUpload, type FormErrors } from "@/lib/operation-info";
import { isUploadBusy } from "@/lib/use-upload";

type Source = "reference" | "file";
const FIELDS = ["name", "imageRef", "imageFile", "isPublic"] as const;

interface RegisterImageFormProps {
  /** Called with the new image, PENDING until a worker has pulled or verified it. */
  readonly onRegistered: (image: { id: string; name: string; status: ImageStatus }) => void;
  readonly onCancel?: () => void;
}

export function RegisterImageForm({ onRegistered, onCancel }: RegisterImageFormProps) {
  const [source, setSource] = useState<Source>("file");
  const [name, setName] = useInputState("");
  const [imageRef, setImageRef] = useInputState("");
  const [file, setFile] = useState<File | null>(null);
  const [isPublic, setIsPublic] = useInputState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [byReference, registerByReference] = useRegisterImage();
  const upload = useRegisterImageUpload();
  const busy = byReference.fetching || isUploadBusy(upload.state);
  const limits = useImageLimits();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    // Everything is checked at once, before sending; the server checks again.
    const problems = fieldProblems(validateImage({ source, name, imageRef, file }, limits));
    if (problems) {
      setErrors(problems);
      return;
    }
    setErrors(NO_ERRORS);
    if (source === "reference") {
      const result = await registerByReference({ input: { name, imageRef, isPublic } });
      const outcome = outcomeOf(result.data?.registerImage, result.error, FIELDS);
      if (!outcome.ok) setErrors(outcome.errors);
      else onRegistered(outcome.value);
      return;
    }
    if (!file) return;
    const input = { name, imageFile: file, isPublic };
    const image = await sendUpload(upload, { input }, (data) => data.registerImage, FIELDS, setErrors);
    if (image) onRegistered(image);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Register an image">
      <Stack gap="md">
        <SegmentedControl
          fullWidth
          value={source}
          onChange={(value) => {
            setSource(value as Source);
            setErrors(NO_ERRORS);
          }}
          data={[
            { value: "file", label: "Upload a tarball" },
            { value: "reference", label: "From a registry" },
          ]}
          disabled={busy}
          aria-label="Image source"
        />
        <GeneralErrors messages={errors.general} />
        <TextInput
          label="Name"
          description="How algorithms will refer to this image; unique among your images."
          placeholder="busybox"
          value={name}
          onChange={setName}
          error={errors.fields.name}
          disabled={busy}
          required
        />
        {source === "reference" ? (
          <TextInput
            label="Image reference"
            placeholder="alpine:3.20"
            description={`Pulled by a worker and pinned by its digest; a private registry needs a registry login.${limits && limits.allowedRegistries.length > 0 ? ` Allowed registries: ${limits.allowedRegistries.join(", ")}.` : ""}`}
            value={imageRef}
            onChange={setImageRef}
            error={errors.fields.imageRef}
            disabled={busy}
            ff="monospace"
            required
          />
        ) : (
          <FileInput
            label="Image tarball"
            description={`A .tar or .tar.gz made with docker save${limits ? `, at most ${formatBytes(limits.maxImageBytes)}` : ""}.`}
            placeholder="Choose a file"
            accept=".tar,.tar.gz,.tgz,application/x-tar,application/gzip"
            leftSection={<IconFileZip size={16} />}
            value={file}
            onChange={setFile}
            error={errors.fields.imageFile}
            disabled={busy}
            clearable
            required
          />
        )}
        {source === "file" && file ? (
          <Text size="xs" c="dimmed">
            {file.name} · {formatBytes(file.size)}
          </Text>
        ) : null}
        <Checkbox
          label="Public: every user can run algorithms with this image"
          checked={isPublic}
          onChange={setIsPublic}
          disabled={busy}
        />
        <UploadProgress state={upload.state} onCancel={upload.cancel} label="Image upload" />
        <Group justify="flex-end" gap="sm">
          {onCancel ? (
            <Button variant="default" onClick={onCancel} disabled={busy}>
              Close
            </Button>
          ) : null}
          <Button type="submit" loading={busy} leftSection={<IconUpload size={16} />}>
            Register image
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
