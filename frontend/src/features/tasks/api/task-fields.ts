import { graphql } from "@/gql/gql";

/**
 * What the tasks table and the task page show; also what live updates carry. The image is the one the
 * spec recorded (what ran), and `algorithm` is null once the algorithm was deleted.
 */
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
    }
    spec {
      algorithmName
      imageName
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
