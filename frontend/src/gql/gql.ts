/* eslint-disable */
import * as types from "./graphql";
import type { TypedDocumentNode as DocumentNode } from "@graphql-typed-document-node/core";

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  "\n  fragment AlgorithmFields on Algorithm {\n    id\n    name\n    description\n    command\n    entrypoint\n    environment\n    gpu\n    memoryMb\n    cpus\n    timeoutS\n    network\n    isPublic\n    createdAt\n    updatedAt\n    image {\n      id\n      name\n      imageRef\n    }\n    owner {\n      id\n      username\n    }\n  }\n": typeof types.AlgorithmFieldsFragmentDoc;
  "\n  query Algorithm($id: ID!) {\n    algorithm(id: $id) {\n      ...AlgorithmFields\n    }\n  }\n": typeof types.AlgorithmDocument;
  "\n  query Algorithms($first: Int!, $after: String) {\n    algorithms(first: $first, after: $after, ordering: [{ createdAt: DESC }]) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AlgorithmFields\n        }\n      }\n    }\n  }\n": typeof types.AlgorithmsDocument;
  "\n  mutation CreateAlgorithm($input: AlgorithmInput!) {\n    createAlgorithm(input: $input) {\n      __typename\n      ... on Algorithm {\n        ...AlgorithmFields\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n": typeof types.CreateAlgorithmDocument;
  "\n  query RunDatasetOptions($search: String) {\n    datasets(first: 100, ordering: [{ createdAt: DESC }], filters: { name: { iContains: $search } }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          fileCount\n          size\n        }\n      }\n    }\n  }\n": typeof types.RunDatasetOptionsDocument;
  "\n  mutation DeleteAlgorithm($id: ID!) {\n    deleteAlgorithm(id: $id) {\n      __typename\n      ... on Deleted {\n        id\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n": typeof types.DeleteAlgorithmDocument;
  "\n  query AlgorithmImageOptions {\n    images(first: 100, ordering: [{ name: ASC }]) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          imageRef\n          source\n          owner {\n            username\n          }\n        }\n      }\n    }\n  }\n": typeof types.AlgorithmImageOptionsDocument;
  "\n  mutation RunAlgorithm($input: RunAlgorithmInput!) {\n    runAlgorithm(input: $input) {\n      __typename\n      ... on AlgorithmTask {\n        id\n        status\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n": typeof types.RunAlgorithmDocument;
  "\n  mutation UpdateAlgorithm($id: ID!, $input: AlgorithmInput!) {\n    updateAlgorithm(id: $id, input: $input) {\n      __typename\n      ... on Algorithm {\n        ...AlgorithmFields\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n": typeof types.UpdateAlgorithmDocument;
  "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      __typename\n      ... on User {\n        id\n        username\n        isStaff\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n": typeof types.LoginDocument;
  "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument;
  "\n  query Me {\n    me {\n      id\n      username\n      isStaff\n    }\n  }\n": typeof types.MeDocument;
  "\n  mutation AddDatasetFiles($input: AddDatasetFilesInput!) {\n    addDatasetFiles(input: $input) {\n      __typename\n      ... on Dataset {\n        id\n        fileCount\n        size\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n": typeof types.AddDatasetFilesDocument;
  "\n  mutation CreateDataset($input: CreateDatasetInput!) {\n    createDataset(input: $input) {\n      __typename\n      ... on Dataset {\n        id\n        name\n        fileCount\n        size\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n": typeof types.CreateDatasetDocument;
  "\n  query Dataset($id: ID!, $first: Int!, $after: String) {\n    dataset(id: $id) {\n      id\n      name\n      size\n      fileCount\n      createdAt\n      updatedAt\n      downloadUrl\n      owner {\n        id\n        username\n      }\n      files(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            path\n            size\n            sha256\n            downloadUrl\n          }\n        }\n      }\n    }\n  }\n": typeof types.DatasetDocument;
  "\n  query Datasets($first: Int!, $after: String, $search: String) {\n    datasets(\n      first: $first\n      after: $after\n      ordering: [{ createdAt: DESC }]\n      filters: { name: { iContains: $search } }\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          size\n          fileCount\n          createdAt\n          updatedAt\n          downloadUrl\n          owner {\n            id\n            username\n          }\n        }\n      }\n    }\n  }\n": typeof types.DatasetsDocument;
  "\n  mutation DeleteDataset($id: ID!) {\n    deleteDataset(id: $id) {\n      __typename\n      ... on Deleted {\n        id\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n": typeof types.DeleteDatasetDocument;
  "\n  mutation RemoveDatasetFiles($input: RemoveDatasetFilesInput!) {\n    removeDatasetFiles(input: $input) {\n      __typename\n      ... on Dataset {\n        id\n        fileCount\n        size\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n": typeof types.RemoveDatasetFilesDocument;
  "\n  mutation DeleteImage($id: ID!) {\n    deleteImage(id: $id) {\n      __typename\n      ... on Deleted {\n        id\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n": typeof types.DeleteImageDocument;
  "\n  query Images($first: Int!, $after: String) {\n    images(first: $first, after: $after, ordering: [{ createdAt: DESC }]) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          imageRef\n          digest\n          size\n          architecture\n          isPublic\n          createdAt\n          source\n          owner {\n            id\n            username\n          }\n        }\n      }\n    }\n  }\n": typeof types.ImagesDocument;
  "\n  mutation RegisterImage($input: RegisterImageInput!) {\n    registerImage(input: $input) {\n      __typename\n      ... on DockerImage {\n        id\n        name\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n": typeof types.RegisterImageDocument;
  "\n  query TaskLogLines($id: ID!, $fromLine: Int!, $limit: Int!) {\n    task(id: $id) {\n      id\n      logLineCount\n      logLines(fromLine: $fromLine, limit: $limit) {\n        index\n        stream\n        text\n      }\n    }\n  }\n": typeof types.TaskLogLinesDocument;
  "\n  subscription TaskLogs($taskId: ID!, $fromLine: Int!) {\n    taskLogs(taskId: $taskId, fromLine: $fromLine) {\n      taskId\n      fromLine\n      done\n      lines {\n        index\n        stream\n        text\n      }\n    }\n  }\n": typeof types.TaskLogsDocument;
  "\n  query TaskAlgorithmOptions {\n    algorithms(first: 100, ordering: [{ name: ASC }]) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.TaskAlgorithmOptionsDocument;
  "\n  mutation CancelTask($id: ID!) {\n    cancelTask(id: $id) {\n      __typename\n      ... on AlgorithmTask {\n        ...TaskFields\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n": typeof types.CancelTaskDocument;
  "\n  fragment TaskFields on AlgorithmTask {\n    id\n    status\n    exitCode\n    failureReason\n    createdAt\n    queuedAt\n    startedAt\n    finishedAt\n    logLineCount\n    algorithm {\n      id\n      name\n      image {\n        id\n        name\n      }\n    }\n    inputDataset {\n      id\n      name\n      fileCount\n      size\n      downloadUrl\n    }\n    outputDataset {\n      id\n      name\n      fileCount\n      size\n      downloadUrl\n    }\n    owner {\n      id\n      username\n    }\n  }\n": typeof types.TaskFieldsFragmentDoc;
  "\n  subscription TaskUpdates($taskId: ID) {\n    taskUpdates(taskId: $taskId) {\n      ...TaskFields\n    }\n  }\n": typeof types.TaskUpdatesDocument;
  "\n  query Task($id: ID!) {\n    task(id: $id) {\n      ...TaskFields\n    }\n  }\n": typeof types.TaskDocument;
  "\n  query Tasks($first: Int!, $after: String, $filters: TaskFilter) {\n    tasks(first: $first, after: $after, filters: $filters, ordering: [{ createdAt: DESC }]) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...TaskFields\n        }\n      }\n    }\n  }\n": typeof types.TasksDocument;
};
const documents: Documents = {
  "\n  fragment AlgorithmFields on Algorithm {\n    id\n    name\n    description\n    command\n    entrypoint\n    environment\n    gpu\n    memoryMb\n    cpus\n    timeoutS\n    network\n    isPublic\n    createdAt\n    updatedAt\n    image {\n      id\n      name\n      imageRef\n    }\n    owner {\n      id\n      username\n    }\n  }\n":
    types.AlgorithmFieldsFragmentDoc,
  "\n  query Algorithm($id: ID!) {\n    algorithm(id: $id) {\n      ...AlgorithmFields\n    }\n  }\n":
    types.AlgorithmDocument,
  "\n  query Algorithms($first: Int!, $after: String) {\n    algorithms(first: $first, after: $after, ordering: [{ createdAt: DESC }]) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AlgorithmFields\n        }\n      }\n    }\n  }\n":
    types.AlgorithmsDocument,
  "\n  mutation CreateAlgorithm($input: AlgorithmInput!) {\n    createAlgorithm(input: $input) {\n      __typename\n      ... on Algorithm {\n        ...AlgorithmFields\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n":
    types.CreateAlgorithmDocument,
  "\n  query RunDatasetOptions($search: String) {\n    datasets(first: 100, ordering: [{ createdAt: DESC }], filters: { name: { iContains: $search } }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          fileCount\n          size\n        }\n      }\n    }\n  }\n":
    types.RunDatasetOptionsDocument,
  "\n  mutation DeleteAlgorithm($id: ID!) {\n    deleteAlgorithm(id: $id) {\n      __typename\n      ... on Deleted {\n        id\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n":
    types.DeleteAlgorithmDocument,
  "\n  query AlgorithmImageOptions {\n    images(first: 100, ordering: [{ name: ASC }]) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          imageRef\n          source\n          owner {\n            username\n          }\n        }\n      }\n    }\n  }\n":
    types.AlgorithmImageOptionsDocument,
  "\n  mutation RunAlgorithm($input: RunAlgorithmInput!) {\n    runAlgorithm(input: $input) {\n      __typename\n      ... on AlgorithmTask {\n        id\n        status\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n":
    types.RunAlgorithmDocument,
  "\n  mutation UpdateAlgorithm($id: ID!, $input: AlgorithmInput!) {\n    updateAlgorithm(id: $id, input: $input) {\n      __typename\n      ... on Algorithm {\n        ...AlgorithmFields\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n":
    types.UpdateAlgorithmDocument,
  "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      __typename\n      ... on User {\n        id\n        username\n        isStaff\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n":
    types.LoginDocument,
  "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
  "\n  query Me {\n    me {\n      id\n      username\n      isStaff\n    }\n  }\n": types.MeDocument,
  "\n  mutation AddDatasetFiles($input: AddDatasetFilesInput!) {\n    addDatasetFiles(input: $input) {\n      __typename\n      ... on Dataset {\n        id\n        fileCount\n        size\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n":
    types.AddDatasetFilesDocument,
  "\n  mutation CreateDataset($input: CreateDatasetInput!) {\n    createDataset(input: $input) {\n      __typename\n      ... on Dataset {\n        id\n        name\n        fileCount\n        size\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n":
    types.CreateDatasetDocument,
  "\n  query Dataset($id: ID!, $first: Int!, $after: String) {\n    dataset(id: $id) {\n      id\n      name\n      size\n      fileCount\n      createdAt\n      updatedAt\n      downloadUrl\n      owner {\n        id\n        username\n      }\n      files(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            path\n            size\n            sha256\n            downloadUrl\n          }\n        }\n      }\n    }\n  }\n":
    types.DatasetDocument,
  "\n  query Datasets($first: Int!, $after: String, $search: String) {\n    datasets(\n      first: $first\n      after: $after\n      ordering: [{ createdAt: DESC }]\n      filters: { name: { iContains: $search } }\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          size\n          fileCount\n          createdAt\n          updatedAt\n          downloadUrl\n          owner {\n            id\n            username\n          }\n        }\n      }\n    }\n  }\n":
    types.DatasetsDocument,
  "\n  mutation DeleteDataset($id: ID!) {\n    deleteDataset(id: $id) {\n      __typename\n      ... on Deleted {\n        id\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n":
    types.DeleteDatasetDocument,
  "\n  mutation RemoveDatasetFiles($input: RemoveDatasetFilesInput!) {\n    removeDatasetFiles(input: $input) {\n      __typename\n      ... on Dataset {\n        id\n        fileCount\n        size\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n":
    types.RemoveDatasetFilesDocument,
  "\n  mutation DeleteImage($id: ID!) {\n    deleteImage(id: $id) {\n      __typename\n      ... on Deleted {\n        id\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n":
    types.DeleteImageDocument,
  "\n  query Images($first: Int!, $after: String) {\n    images(first: $first, after: $after, ordering: [{ createdAt: DESC }]) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          imageRef\n          digest\n          size\n          architecture\n          isPublic\n          createdAt\n          source\n          owner {\n            id\n            username\n          }\n        }\n      }\n    }\n  }\n":
    types.ImagesDocument,
  "\n  mutation RegisterImage($input: RegisterImageInput!) {\n    registerImage(input: $input) {\n      __typename\n      ... on DockerImage {\n        id\n        name\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n":
    types.RegisterImageDocument,
  "\n  query TaskLogLines($id: ID!, $fromLine: Int!, $limit: Int!) {\n    task(id: $id) {\n      id\n      logLineCount\n      logLines(fromLine: $fromLine, limit: $limit) {\n        index\n        stream\n        text\n      }\n    }\n  }\n":
    types.TaskLogLinesDocument,
  "\n  subscription TaskLogs($taskId: ID!, $fromLine: Int!) {\n    taskLogs(taskId: $taskId, fromLine: $fromLine) {\n      taskId\n      fromLine\n      done\n      lines {\n        index\n        stream\n        text\n      }\n    }\n  }\n":
    types.TaskLogsDocument,
  "\n  query TaskAlgorithmOptions {\n    algorithms(first: 100, ordering: [{ name: ASC }]) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n":
    types.TaskAlgorithmOptionsDocument,
  "\n  mutation CancelTask($id: ID!) {\n    cancelTask(id: $id) {\n      __typename\n      ... on AlgorithmTask {\n        ...TaskFields\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n":
    types.CancelTaskDocument,
  "\n  fragment TaskFields on AlgorithmTask {\n    id\n    status\n    exitCode\n    failureReason\n    createdAt\n    queuedAt\n    startedAt\n    finishedAt\n    logLineCount\n    algorithm {\n      id\n      name\n      image {\n        id\n        name\n      }\n    }\n    inputDataset {\n      id\n      name\n      fileCount\n      size\n      downloadUrl\n    }\n    outputDataset {\n      id\n      name\n      fileCount\n      size\n      downloadUrl\n    }\n    owner {\n      id\n      username\n    }\n  }\n":
    types.TaskFieldsFragmentDoc,
  "\n  subscription TaskUpdates($taskId: ID) {\n    taskUpdates(taskId: $taskId) {\n      ...TaskFields\n    }\n  }\n":
    types.TaskUpdatesDocument,
  "\n  query Task($id: ID!) {\n    task(id: $id) {\n      ...TaskFields\n    }\n  }\n": types.TaskDocument,
  "\n  query Tasks($first: Int!, $after: String, $filters: TaskFilter) {\n    tasks(first: $first, after: $after, filters: $filters, ordering: [{ createdAt: DESC }]) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...TaskFields\n        }\n      }\n    }\n  }\n":
    types.TasksDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  fragment AlgorithmFields on Algorithm {\n    id\n    name\n    description\n    command\n    entrypoint\n    environment\n    gpu\n    memoryMb\n    cpus\n    timeoutS\n    network\n    isPublic\n    createdAt\n    updatedAt\n    image {\n      id\n      name\n      imageRef\n    }\n    owner {\n      id\n      username\n    }\n  }\n",
): (typeof documents)["\n  fragment AlgorithmFields on Algorithm {\n    id\n    name\n    description\n    command\n    entrypoint\n    environment\n    gpu\n    memoryMb\n    cpus\n    timeoutS\n    network\n    isPublic\n    createdAt\n    updatedAt\n    image {\n      id\n      name\n      imageRef\n    }\n    owner {\n      id\n      username\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query Algorithm($id: ID!) {\n    algorithm(id: $id) {\n      ...AlgorithmFields\n    }\n  }\n",
): (typeof documents)["\n  query Algorithm($id: ID!) {\n    algorithm(id: $id) {\n      ...AlgorithmFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query Algorithms($first: Int!, $after: String) {\n    algorithms(first: $first, after: $after, ordering: [{ createdAt: DESC }]) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AlgorithmFields\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  query Algorithms($first: Int!, $after: String) {\n    algorithms(first: $first, after: $after, ordering: [{ createdAt: DESC }]) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AlgorithmFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation CreateAlgorithm($input: AlgorithmInput!) {\n    createAlgorithm(input: $input) {\n      __typename\n      ... on Algorithm {\n        ...AlgorithmFields\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  mutation CreateAlgorithm($input: AlgorithmInput!) {\n    createAlgorithm(input: $input) {\n      __typename\n      ... on Algorithm {\n        ...AlgorithmFields\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query RunDatasetOptions($search: String) {\n    datasets(first: 100, ordering: [{ createdAt: DESC }], filters: { name: { iContains: $search } }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          fileCount\n          size\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  query RunDatasetOptions($search: String) {\n    datasets(first: 100, ordering: [{ createdAt: DESC }], filters: { name: { iContains: $search } }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          fileCount\n          size\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation DeleteAlgorithm($id: ID!) {\n    deleteAlgorithm(id: $id) {\n      __typename\n      ... on Deleted {\n        id\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  mutation DeleteAlgorithm($id: ID!) {\n    deleteAlgorithm(id: $id) {\n      __typename\n      ... on Deleted {\n        id\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query AlgorithmImageOptions {\n    images(first: 100, ordering: [{ name: ASC }]) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          imageRef\n          source\n          owner {\n            username\n          }\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  query AlgorithmImageOptions {\n    images(first: 100, ordering: [{ name: ASC }]) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          imageRef\n          source\n          owner {\n            username\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation RunAlgorithm($input: RunAlgorithmInput!) {\n    runAlgorithm(input: $input) {\n      __typename\n      ... on AlgorithmTask {\n        id\n        status\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  mutation RunAlgorithm($input: RunAlgorithmInput!) {\n    runAlgorithm(input: $input) {\n      __typename\n      ... on AlgorithmTask {\n        id\n        status\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation UpdateAlgorithm($id: ID!, $input: AlgorithmInput!) {\n    updateAlgorithm(id: $id, input: $input) {\n      __typename\n      ... on Algorithm {\n        ...AlgorithmFields\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  mutation UpdateAlgorithm($id: ID!, $input: AlgorithmInput!) {\n    updateAlgorithm(id: $id, input: $input) {\n      __typename\n      ... on Algorithm {\n        ...AlgorithmFields\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      __typename\n      ... on User {\n        id\n        username\n        isStaff\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      __typename\n      ... on User {\n        id\n        username\n        isStaff\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation Logout {\n    logout\n  }\n",
): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query Me {\n    me {\n      id\n      username\n      isStaff\n    }\n  }\n",
): (typeof documents)["\n  query Me {\n    me {\n      id\n      username\n      isStaff\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation AddDatasetFiles($input: AddDatasetFilesInput!) {\n    addDatasetFiles(input: $input) {\n      __typename\n      ... on Dataset {\n        id\n        fileCount\n        size\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  mutation AddDatasetFiles($input: AddDatasetFilesInput!) {\n    addDatasetFiles(input: $input) {\n      __typename\n      ... on Dataset {\n        id\n        fileCount\n        size\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation CreateDataset($input: CreateDatasetInput!) {\n    createDataset(input: $input) {\n      __typename\n      ... on Dataset {\n        id\n        name\n        fileCount\n        size\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  mutation CreateDataset($input: CreateDatasetInput!) {\n    createDataset(input: $input) {\n      __typename\n      ... on Dataset {\n        id\n        name\n        fileCount\n        size\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query Dataset($id: ID!, $first: Int!, $after: String) {\n    dataset(id: $id) {\n      id\n      name\n      size\n      fileCount\n      createdAt\n      updatedAt\n      downloadUrl\n      owner {\n        id\n        username\n      }\n      files(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            path\n            size\n            sha256\n            downloadUrl\n          }\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  query Dataset($id: ID!, $first: Int!, $after: String) {\n    dataset(id: $id) {\n      id\n      name\n      size\n      fileCount\n      createdAt\n      updatedAt\n      downloadUrl\n      owner {\n        id\n        username\n      }\n      files(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            path\n            size\n            sha256\n            downloadUrl\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query Datasets($first: Int!, $after: String, $search: String) {\n    datasets(\n      first: $first\n      after: $after\n      ordering: [{ createdAt: DESC }]\n      filters: { name: { iContains: $search } }\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          size\n          fileCount\n          createdAt\n          updatedAt\n          downloadUrl\n          owner {\n            id\n            username\n          }\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  query Datasets($first: Int!, $after: String, $search: String) {\n    datasets(\n      first: $first\n      after: $after\n      ordering: [{ createdAt: DESC }]\n      filters: { name: { iContains: $search } }\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          size\n          fileCount\n          createdAt\n          updatedAt\n          downloadUrl\n          owner {\n            id\n            username\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation DeleteDataset($id: ID!) {\n    deleteDataset(id: $id) {\n      __typename\n      ... on Deleted {\n        id\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  mutation DeleteDataset($id: ID!) {\n    deleteDataset(id: $id) {\n      __typename\n      ... on Deleted {\n        id\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation RemoveDatasetFiles($input: RemoveDatasetFilesInput!) {\n    removeDatasetFiles(input: $input) {\n      __typename\n      ... on Dataset {\n        id\n        fileCount\n        size\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  mutation RemoveDatasetFiles($input: RemoveDatasetFilesInput!) {\n    removeDatasetFiles(input: $input) {\n      __typename\n      ... on Dataset {\n        id\n        fileCount\n        size\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation DeleteImage($id: ID!) {\n    deleteImage(id: $id) {\n      __typename\n      ... on Deleted {\n        id\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  mutation DeleteImage($id: ID!) {\n    deleteImage(id: $id) {\n      __typename\n      ... on Deleted {\n        id\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query Images($first: Int!, $after: String) {\n    images(first: $first, after: $after, ordering: [{ createdAt: DESC }]) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          imageRef\n          digest\n          size\n          architecture\n          isPublic\n          createdAt\n          source\n          owner {\n            id\n            username\n          }\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  query Images($first: Int!, $after: String) {\n    images(first: $first, after: $after, ordering: [{ createdAt: DESC }]) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          imageRef\n          digest\n          size\n          architecture\n          isPublic\n          createdAt\n          source\n          owner {\n            id\n            username\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation RegisterImage($input: RegisterImageInput!) {\n    registerImage(input: $input) {\n      __typename\n      ... on DockerImage {\n        id\n        name\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  mutation RegisterImage($input: RegisterImageInput!) {\n    registerImage(input: $input) {\n      __typename\n      ... on DockerImage {\n        id\n        name\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query TaskLogLines($id: ID!, $fromLine: Int!, $limit: Int!) {\n    task(id: $id) {\n      id\n      logLineCount\n      logLines(fromLine: $fromLine, limit: $limit) {\n        index\n        stream\n        text\n      }\n    }\n  }\n",
): (typeof documents)["\n  query TaskLogLines($id: ID!, $fromLine: Int!, $limit: Int!) {\n    task(id: $id) {\n      id\n      logLineCount\n      logLines(fromLine: $fromLine, limit: $limit) {\n        index\n        stream\n        text\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  subscription TaskLogs($taskId: ID!, $fromLine: Int!) {\n    taskLogs(taskId: $taskId, fromLine: $fromLine) {\n      taskId\n      fromLine\n      done\n      lines {\n        index\n        stream\n        text\n      }\n    }\n  }\n",
): (typeof documents)["\n  subscription TaskLogs($taskId: ID!, $fromLine: Int!) {\n    taskLogs(taskId: $taskId, fromLine: $fromLine) {\n      taskId\n      fromLine\n      done\n      lines {\n        index\n        stream\n        text\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query TaskAlgorithmOptions {\n    algorithms(first: 100, ordering: [{ name: ASC }]) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  query TaskAlgorithmOptions {\n    algorithms(first: 100, ordering: [{ name: ASC }]) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation CancelTask($id: ID!) {\n    cancelTask(id: $id) {\n      __typename\n      ... on AlgorithmTask {\n        ...TaskFields\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  mutation CancelTask($id: ID!) {\n    cancelTask(id: $id) {\n      __typename\n      ... on AlgorithmTask {\n        ...TaskFields\n      }\n      ... on OperationInfo {\n        messages {\n          kind\n          message\n          field\n          code\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  fragment TaskFields on AlgorithmTask {\n    id\n    status\n    exitCode\n    failureReason\n    createdAt\n    queuedAt\n    startedAt\n    finishedAt\n    logLineCount\n    algorithm {\n      id\n      name\n      image {\n        id\n        name\n      }\n    }\n    inputDataset {\n      id\n      name\n      fileCount\n      size\n      downloadUrl\n    }\n    outputDataset {\n      id\n      name\n      fileCount\n      size\n      downloadUrl\n    }\n    owner {\n      id\n      username\n    }\n  }\n",
): (typeof documents)["\n  fragment TaskFields on AlgorithmTask {\n    id\n    status\n    exitCode\n    failureReason\n    createdAt\n    queuedAt\n    startedAt\n    finishedAt\n    logLineCount\n    algorithm {\n      id\n      name\n      image {\n        id\n        name\n      }\n    }\n    inputDataset {\n      id\n      name\n      fileCount\n      size\n      downloadUrl\n    }\n    outputDataset {\n      id\n      name\n      fileCount\n      size\n      downloadUrl\n    }\n    owner {\n      id\n      username\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  subscription TaskUpdates($taskId: ID) {\n    taskUpdates(taskId: $taskId) {\n      ...TaskFields\n    }\n  }\n",
): (typeof documents)["\n  subscription TaskUpdates($taskId: ID) {\n    taskUpdates(taskId: $taskId) {\n      ...TaskFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query Task($id: ID!) {\n    task(id: $id) {\n      ...TaskFields\n    }\n  }\n",
): (typeof documents)["\n  query Task($id: ID!) {\n    task(id: $id) {\n      ...TaskFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query Tasks($first: Int!, $after: String, $filters: TaskFilter) {\n    tasks(first: $first, after: $after, filters: $filters, ordering: [{ createdAt: DESC }]) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...TaskFields\n        }\n      }\n    }\n  }\n",
): (typeof documents)["\n  query Tasks($first: Int!, $after: String, $filters: TaskFilter) {\n    tasks(first: $first, after: $after, filters: $filters, ordering: [{ createdAt: DESC }]) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...TaskFields\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
