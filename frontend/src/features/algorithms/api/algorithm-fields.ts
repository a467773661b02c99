import { graphql } from "@/gql/gql";

/** Everything the algorithm form edits and the list shows. */
export const AlgorithmFieldsFragment = graphql(`
  fragment AlgorithmFields on Algorithm {
    id
    name
    description
    command
    entrypoint
    environment
    gpu
    memoryMb
    cpus
    timeoutS
    network
    cacheResults
    isPublic
    createdAt
    updatedAt
    image {
      id
      name
      imageRef
      status
      resolvedAt
    }
    owner {
      id
      username
    }
  }
`);
