import { useMutation } from "urql";
import { graphql } from "@/gql/gql";

export const PullImageAgainMutation = graphql(`
  mutation PullImageAgain($id: ID!) {
    pullImageAgain(id: $id) {
      __typename
      ... on DockerImage {
        id
        status
        progress
        failureReason
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

/** Pulls a registry image's reference again; the image is PENDING until the new pull is pinned. */
export function usePullImageAgain() {
  return useMutation(PullImageAgainMutation);
}
