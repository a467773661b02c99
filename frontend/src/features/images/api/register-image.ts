import { useMutation } from "urql";
import { graphql } from "@/gql/gql";
import { useUpload } from "@/lib/use-upload";

export const RegisterImageMutation = graphql(`
  mutation RegisterImage($input: RegisterImageInput!) {
    registerImage(input: $input) {
      __typename
      ... on DockerImage {
        id
        name
        status
      }
      ... on OperationInfo {
        messages {
          kind
          message
          field
          code
        }
      }
    }
  }
`);

/** Registers an image by reference (a plain request). */
export function useRegisterImage() {
  return useMutation(RegisterImageMutation);
}

/** Registers an image from a `docker save` tarball, with upload progress and cancel. */
export function useRegisterImageUpload() {
  return useUpload(RegisterImageMutation);
}
