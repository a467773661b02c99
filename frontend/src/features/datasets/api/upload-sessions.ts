import { useCallback } from "react";
import { useClient } from "urql";
import { graphql } from "@/gql/gql";

export const UploadSessionsQuery = graphql(`
  query UploadSessions {
    uploadSessions {
      id
      path
      size
      partSize
      partCount
      direct
      status
      receivedParts {
        number
      }
    }
  }
`);

/** Your unfinished uploads (to resume after a reload), read on demand. */
export function useFetchUploadSessions() {
  const client = useClient();
  return useCallback(
    () => client.query(UploadSessionsQuery, {}, { requestPolicy: "network-only" }).toPromise(),
    [client],
  );
}
