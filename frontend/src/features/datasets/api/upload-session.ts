import { useCallback } from "react";
import { useClient } from "urql";
import { graphql } from "@/gql/gql";

export const UploadSessionQuery = graphql(`
  query UploadSession($id: ID!, $partNumbers: [Int!]!) {
    uploadSession(id: $id) {
      id
      status
      error
      receivedParts {
        number
        size
      }
      partUrls(partNumbers: $partNumbers) {
        number
        url
      }
      dataset {
        id
      }
    }
  }
`);

/** Reads one upload session on demand (never from the cache: parts arrive between calls). */
export function useFetchUploadSession() {
  const client = useClient();
  return useCallback(
    (id: string, partNumbers: number[] = []) =>
      client.query(UploadSessionQuery, { id, partNumbers }, { requestPolicy: "network-only" }).toPromise(),
    [client],
  );
}
