import { graphql } from "@/gql/gql";

/** Exactly what a task runs, recorded when it was created (never changes, so no live updates). */
export const TaskSpecFieldsFragment = graphql(`
  fragment TaskSpecFields on TaskSpec {
    digest
    algorithmName
    imageName
    imageSource
    imageRef
    imageId
    repoDigest
    command
    entrypoint
    environment {
      name
      value
    }
    gpu
    network
    memoryMb
    cpus
    timeoutS
  }
`);
