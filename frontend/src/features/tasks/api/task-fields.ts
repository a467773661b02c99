import { graphql } from "@/gql/gql";

/** What the tasks table and the task page show; also what live updates carry. */
export const TaskFieldsFragment = graphql(`
  fragment TaskFields on AlgorithmTask {
    id
    status
    exitCode
    failureReason
    createdAt
    queuedAt
    startedAt
    finishedAt
    logLineCount
    algorithm {
      id
      name
      image {
        id
        name
      }
    }
    inputDataset {
      id
      name
      fileCount
      size
      downloadUrl
    }
    outputDataset {
      id
      name
      fileCount
      size
      downloadUrl
    }
    owner {
      id
      username
    }
  }
`);
