from collections.abc import AsyncIterator
from typing import Any, Optional, Union

from .add_dataset_files import AddDatasetFiles
from .algorithm import Algorithm
from .algorithms import Algorithms
from .async_base_client import AsyncBaseClient
from .base_model import UNSET, UnsetType
from .cancel_task import CancelTask
from .complete_upload import CompleteUpload
from .create_algorithm import CreateAlgorithm
from .create_api_token import CreateApiToken
from .create_dataset import CreateDataset
from .dataset import Dataset
from .dataset_files import DatasetFiles
from .datasets import Datasets
from .image import Image
from .images import Images
from .input_types import (
    AddDatasetFilesInput,
    AlgorithmFilter,
    AlgorithmInput,
    CreateDatasetInput,
    DatasetFilter,
    ImageFilter,
    RegisterImageInput,
    RerunTaskInput,
    RunAlgorithmInput,
    StartUploadInput,
    TaskFilter,
)
from .log_lines import LogLines
from .login import Login
from .me import Me
from .pull_image_again import PullImageAgain
from .register_image import RegisterImage
from .rerun_task import RerunTask
from .run_algorithm import RunAlgorithm
from .start_upload import StartUpload
from .task import Task
from .task_logs import TaskLogs
from .task_updates import TaskUpdates
from .tasks import Tasks
from .upload_part_urls import UploadPartUrls
from .upload_session import UploadSession


def gql(q: str) -> str:
    return q


class GeneratedClient(AsyncBaseClient):
    async def me(self, **kwargs: Any) -> Me:
        query = gql("""
            query Me {
              me {
                username
                isStaff
              }
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="Me", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Me.model_validate(data)

    async def login(self, username: str, password: str, **kwargs: Any) -> Login:
        query = gql("""
            mutation Login($username: String!, $password: String!) {
              login(username: $username, password: $password) {
                __typename
                ... on User {
                  username
                }
                ...ErrorInfo
              }
            }

            fragment ErrorInfo on OperationInfo {
              messages {
                field
                message
                kind
                code
              }
            }
            """)
        variables: dict[str, object] = {"username": username, "password": password}
        response = await self.execute(
            query=query, operation_name="Login", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Login.model_validate(data)

    async def create_api_token(self, name: str, **kwargs: Any) -> CreateApiToken:
        query = gql("""
            mutation CreateApiToken($name: String!) {
              createApiToken(name: $name) {
                __typename
                ... on ApiTokenCreated {
                  token
                }
                ...ErrorInfo
              }
            }

            fragment ErrorInfo on OperationInfo {
              messages {
                field
                message
                kind
                code
              }
            }
            """)
        variables: dict[str, object] = {"name": name}
        response = await self.execute(
            query=query, operation_name="CreateApiToken", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CreateApiToken.model_validate(data)

    async def register_image(
        self, input: RegisterImageInput, **kwargs: Any
    ) -> RegisterImage:
        query = gql("""
            mutation RegisterImage($input: RegisterImageInput!) {
              registerImage(input: $input) {
                __typename
                ...ImageParts
                ...ErrorInfo
              }
            }

            fragment ErrorInfo on OperationInfo {
              messages {
                field
                message
                kind
                code
              }
            }

            fragment ImageParts on DockerImage {
              id
              name
              imageRef
              source
              status
              progress
              failureReason
              imageId
              repoDigest
              size
              architecture
              isPublic
              createdAt
              owner {
                username
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="RegisterImage", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return RegisterImage.model_validate(data)

    async def pull_image_again(self, id: str, **kwargs: Any) -> PullImageAgain:
        query = gql("""
            mutation PullImageAgain($id: ID!) {
              pullImageAgain(id: $id) {
                __typename
                ...ImageParts
                ...ErrorInfo
              }
            }

            fragment ErrorInfo on OperationInfo {
              messages {
                field
                message
                kind
                code
              }
            }

            fragment ImageParts on DockerImage {
              id
              name
              imageRef
              source
              status
              progress
              failureReason
              imageId
              repoDigest
              size
              architecture
              isPublic
              createdAt
              owner {
                username
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="PullImageAgain", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return PullImageAgain.model_validate(data)

    async def image(self, id: str, **kwargs: Any) -> Image:
        query = gql("""
            query Image($id: ID!) {
              image(id: $id) {
                ...ImageParts
              }
            }

            fragment ImageParts on DockerImage {
              id
              name
              imageRef
              source
              status
              progress
              failureReason
              imageId
              repoDigest
              size
              architecture
              isPublic
              createdAt
              owner {
                username
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="Image", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Image.model_validate(data)

    async def images(
        self,
        first: int,
        after: Union[Optional[str], UnsetType] = UNSET,
        filters: Union[Optional[ImageFilter], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Images:
        query = gql("""
            query Images($first: Int!, $after: String, $filters: ImageFilter) {
              images(first: $first, after: $after, filters: $filters) {
                totalCount
                pageInfo {
                  hasNextPage
                  endCursor
                }
                edges {
                  node {
                    ...ImageParts
                  }
                }
              }
            }

            fragment ImageParts on DockerImage {
              id
              name
              imageRef
              source
              status
              progress
              failureReason
              imageId
              repoDigest
              size
              architecture
              isPublic
              createdAt
              owner {
                username
              }
            }
            """)
        variables: dict[str, object] = {
            "first": first,
            "after": after,
            "filters": filters,
        }
        response = await self.execute(
            query=query, operation_name="Images", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Images.model_validate(data)

    async def create_algorithm(
        self, input: AlgorithmInput, **kwargs: Any
    ) -> CreateAlgorithm:
        query = gql("""
            mutation CreateAlgorithm($input: AlgorithmInput!) {
              createAlgorithm(input: $input) {
                __typename
                ...AlgorithmParts
                ...ErrorInfo
              }
            }

            fragment AlgorithmParts on Algorithm {
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
                status
                imageId
              }
              owner {
                username
              }
            }

            fragment ErrorInfo on OperationInfo {
              messages {
                field
                message
                kind
                code
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="CreateAlgorithm", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CreateAlgorithm.model_validate(data)

    async def algorithm(self, id: str, **kwargs: Any) -> Algorithm:
        query = gql("""
            query Algorithm($id: ID!) {
              algorithm(id: $id) {
                ...AlgorithmParts
              }
            }

            fragment AlgorithmParts on Algorithm {
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
                status
                imageId
              }
              owner {
                username
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="Algorithm", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Algorithm.model_validate(data)

    async def algorithms(
        self,
        first: int,
        after: Union[Optional[str], UnsetType] = UNSET,
        filters: Union[Optional[AlgorithmFilter], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Algorithms:
        query = gql("""
            query Algorithms($first: Int!, $after: String, $filters: AlgorithmFilter) {
              algorithms(first: $first, after: $after, filters: $filters) {
                totalCount
                pageInfo {
                  hasNextPage
                  endCursor
                }
                edges {
                  node {
                    ...AlgorithmParts
                  }
                }
              }
            }

            fragment AlgorithmParts on Algorithm {
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
                status
                imageId
              }
              owner {
                username
              }
            }
            """)
        variables: dict[str, object] = {
            "first": first,
            "after": after,
            "filters": filters,
        }
        response = await self.execute(
            query=query, operation_name="Algorithms", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Algorithms.model_validate(data)

    async def create_dataset(
        self, input: CreateDatasetInput, **kwargs: Any
    ) -> CreateDataset:
        query = gql("""
            mutation CreateDataset($input: CreateDatasetInput!) {
              createDataset(input: $input) {
                __typename
                ...DatasetParts
                ...ErrorInfo
              }
            }

            fragment DatasetParts on Dataset {
              id
              name
              size
              fileCount
              createdAt
              downloadUrl
              owner {
                username
              }
              producedBy {
                id
              }
            }

            fragment ErrorInfo on OperationInfo {
              messages {
                field
                message
                kind
                code
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="CreateDataset", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CreateDataset.model_validate(data)

    async def add_dataset_files(
        self, input: AddDatasetFilesInput, **kwargs: Any
    ) -> AddDatasetFiles:
        query = gql("""
            mutation AddDatasetFiles($input: AddDatasetFilesInput!) {
              addDatasetFiles(input: $input) {
                __typename
                ...DatasetParts
                ...ErrorInfo
              }
            }

            fragment DatasetParts on Dataset {
              id
              name
              size
              fileCount
              createdAt
              downloadUrl
              owner {
                username
              }
              producedBy {
                id
              }
            }

            fragment ErrorInfo on OperationInfo {
              messages {
                field
                message
                kind
                code
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="AddDatasetFiles", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return AddDatasetFiles.model_validate(data)

    async def dataset(self, id: str, **kwargs: Any) -> Dataset:
        query = gql("""
            query Dataset($id: ID!) {
              dataset(id: $id) {
                ...DatasetParts
              }
            }

            fragment DatasetParts on Dataset {
              id
              name
              size
              fileCount
              createdAt
              downloadUrl
              owner {
                username
              }
              producedBy {
                id
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="Dataset", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Dataset.model_validate(data)

    async def dataset_files(
        self,
        id: str,
        first: int,
        after: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> DatasetFiles:
        query = gql("""
            query DatasetFiles($id: ID!, $first: Int!, $after: String) {
              dataset(id: $id) {
                id
                files(first: $first, after: $after) {
                  pageInfo {
                    hasNextPage
                    endCursor
                  }
                  edges {
                    node {
                      ...FileParts
                    }
                  }
                }
              }
            }

            fragment FileParts on DatasetFile {
              id
              path
              size
              sha256
              downloadUrl
            }
            """)
        variables: dict[str, object] = {"id": id, "first": first, "after": after}
        response = await self.execute(
            query=query, operation_name="DatasetFiles", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return DatasetFiles.model_validate(data)

    async def datasets(
        self,
        first: int,
        after: Union[Optional[str], UnsetType] = UNSET,
        filters: Union[Optional[DatasetFilter], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Datasets:
        query = gql("""
            query Datasets($first: Int!, $after: String, $filters: DatasetFilter) {
              datasets(first: $first, after: $after, filters: $filters) {
                totalCount
                pageInfo {
                  hasNextPage
                  endCursor
                }
                edges {
                  node {
                    ...DatasetParts
                  }
                }
              }
            }

            fragment DatasetParts on Dataset {
              id
              name
              size
              fileCount
              createdAt
              downloadUrl
              owner {
                username
              }
              producedBy {
                id
              }
            }
            """)
        variables: dict[str, object] = {
            "first": first,
            "after": after,
            "filters": filters,
        }
        response = await self.execute(
            query=query, operation_name="Datasets", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Datasets.model_validate(data)

    async def run_algorithm(
        self, input: RunAlgorithmInput, **kwargs: Any
    ) -> RunAlgorithm:
        query = gql("""
            mutation RunAlgorithm($input: RunAlgorithmInput!) {
              runAlgorithm(input: $input) {
                __typename
                ...TaskParts
                ...ErrorInfo
              }
            }

            fragment ErrorInfo on OperationInfo {
              messages {
                field
                message
                kind
                code
              }
            }

            fragment TaskParts on AlgorithmTask {
              id
              status
              exitCode
              failureReason
              createdAt
              queuedAt
              startedAt
              finishedAt
              logLineCount
              specDigest
              inputDigest
              algorithm {
                id
                name
              }
              inputDataset {
                id
                name
              }
              outputDataset {
                id
                name
                fileCount
                size
              }
              reusedFrom {
                id
              }
              rerunOf {
                id
              }
              spec {
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
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="RunAlgorithm", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return RunAlgorithm.model_validate(data)

    async def rerun_task(self, input: RerunTaskInput, **kwargs: Any) -> RerunTask:
        query = gql("""
            mutation RerunTask($input: RerunTaskInput!) {
              rerunTask(input: $input) {
                __typename
                ...TaskParts
                ...ErrorInfo
              }
            }

            fragment ErrorInfo on OperationInfo {
              messages {
                field
                message
                kind
                code
              }
            }

            fragment TaskParts on AlgorithmTask {
              id
              status
              exitCode
              failureReason
              createdAt
              queuedAt
              startedAt
              finishedAt
              logLineCount
              specDigest
              inputDigest
              algorithm {
                id
                name
              }
              inputDataset {
                id
                name
              }
              outputDataset {
                id
                name
                fileCount
                size
              }
              reusedFrom {
                id
              }
              rerunOf {
                id
              }
              spec {
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
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="RerunTask", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return RerunTask.model_validate(data)

    async def cancel_task(self, id: str, **kwargs: Any) -> CancelTask:
        query = gql("""
            mutation CancelTask($id: ID!) {
              cancelTask(id: $id) {
                __typename
                ...TaskParts
                ...ErrorInfo
              }
            }

            fragment ErrorInfo on OperationInfo {
              messages {
                field
                message
                kind
                code
              }
            }

            fragment TaskParts on AlgorithmTask {
              id
              status
              exitCode
              failureReason
              createdAt
              queuedAt
              startedAt
              finishedAt
              logLineCount
              specDigest
              inputDigest
              algorithm {
                id
                name
              }
              inputDataset {
                id
                name
              }
              outputDataset {
                id
                name
                fileCount
                size
              }
              reusedFrom {
                id
              }
              rerunOf {
                id
              }
              spec {
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
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="CancelTask", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CancelTask.model_validate(data)

    async def task(self, id: str, **kwargs: Any) -> Task:
        query = gql("""
            query Task($id: ID!) {
              task(id: $id) {
                ...TaskParts
              }
            }

            fragment TaskParts on AlgorithmTask {
              id
              status
              exitCode
              failureReason
              createdAt
              queuedAt
              startedAt
              finishedAt
              logLineCount
              specDigest
              inputDigest
              algorithm {
                id
                name
              }
              inputDataset {
                id
                name
              }
              outputDataset {
                id
                name
                fileCount
                size
              }
              reusedFrom {
                id
              }
              rerunOf {
                id
              }
              spec {
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
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="Task", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Task.model_validate(data)

    async def tasks(
        self,
        first: int,
        after: Union[Optional[str], UnsetType] = UNSET,
        filters: Union[Optional[TaskFilter], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Tasks:
        query = gql("""
            query Tasks($first: Int!, $after: String, $filters: TaskFilter) {
              tasks(
                first: $first
                after: $after
                filters: $filters
                ordering: [{createdAt: DESC}]
              ) {
                totalCount
                pageInfo {
                  hasNextPage
                  endCursor
                }
                edges {
                  node {
                    ...TaskParts
                  }
                }
              }
            }

            fragment TaskParts on AlgorithmTask {
              id
              status
              exitCode
              failureReason
              createdAt
              queuedAt
              startedAt
              finishedAt
              logLineCount
              specDigest
              inputDigest
              algorithm {
                id
                name
              }
              inputDataset {
                id
                name
              }
              outputDataset {
                id
                name
                fileCount
                size
              }
              reusedFrom {
                id
              }
              rerunOf {
                id
              }
              spec {
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
            }
            """)
        variables: dict[str, object] = {
            "first": first,
            "after": after,
            "filters": filters,
        }
        response = await self.execute(
            query=query, operation_name="Tasks", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Tasks.model_validate(data)

    async def log_lines(
        self, id: str, from_line: int, limit: int, **kwargs: Any
    ) -> LogLines:
        query = gql("""
            query LogLines($id: ID!, $fromLine: Int!, $limit: Int!) {
              task(id: $id) {
                id
                status
                logLineCount
                logLines(fromLine: $fromLine, limit: $limit) {
                  index
                  stream
                  text
                }
              }
            }
            """)
        variables: dict[str, object] = {"id": id, "fromLine": from_line, "limit": limit}
        response = await self.execute(
            query=query, operation_name="LogLines", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return LogLines.model_validate(data)

    async def task_logs(
        self, task_id: str, from_line: int, **kwargs: Any
    ) -> AsyncIterator[TaskLogs]:
        query = gql("""
            subscription TaskLogs($taskId: ID!, $fromLine: Int!) {
              taskLogs(taskId: $taskId, fromLine: $fromLine) {
                fromLine
                done
                runs {
                  stream
                  text
                }
              }
            }
            """)
        variables: dict[str, object] = {"taskId": task_id, "fromLine": from_line}
        async for data in self.execute_ws(
            query=query, operation_name="TaskLogs", variables=variables, **kwargs
        ):
            yield TaskLogs.model_validate(data)

    async def task_updates(
        self, task_id: Union[Optional[str], UnsetType] = UNSET, **kwargs: Any
    ) -> AsyncIterator[TaskUpdates]:
        query = gql("""
            subscription TaskUpdates($taskId: ID) {
              taskUpdates(taskId: $taskId) {
                id
                status
                exitCode
                failureReason
                finishedAt
              }
            }
            """)
        variables: dict[str, object] = {"taskId": task_id}
        async for data in self.execute_ws(
            query=query, operation_name="TaskUpdates", variables=variables, **kwargs
        ):
            yield TaskUpdates.model_validate(data)

    async def start_upload(self, input: StartUploadInput, **kwargs: Any) -> StartUpload:
        query = gql("""
            mutation StartUpload($input: StartUploadInput!) {
              startUpload(input: $input) {
                __typename
                ...UploadParts
                ...ErrorInfo
              }
            }

            fragment ErrorInfo on OperationInfo {
              messages {
                field
                message
                kind
                code
              }
            }

            fragment UploadParts on UploadSession {
              id
              path
              size
              partSize
              partCount
              direct
              status
              error
              expiresAt
              dataset {
                id
                name
              }
              receivedParts {
                number
                size
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="StartUpload", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return StartUpload.model_validate(data)

    async def upload_session(self, id: str, **kwargs: Any) -> UploadSession:
        query = gql("""
            query UploadSession($id: ID!) {
              uploadSession(id: $id) {
                ...UploadParts
              }
            }

            fragment UploadParts on UploadSession {
              id
              path
              size
              partSize
              partCount
              direct
              status
              error
              expiresAt
              dataset {
                id
                name
              }
              receivedParts {
                number
                size
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="UploadSession", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return UploadSession.model_validate(data)

    async def upload_part_urls(
        self, id: str, parts: list[int], **kwargs: Any
    ) -> UploadPartUrls:
        query = gql("""
            query UploadPartUrls($id: ID!, $parts: [Int!]!) {
              uploadSession(id: $id) {
                id
                partUrls(partNumbers: $parts) {
                  number
                  url
                }
              }
            }
            """)
        variables: dict[str, object] = {"id": id, "parts": parts}
        response = await self.execute(
            query=query, operation_name="UploadPartUrls", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return UploadPartUrls.model_validate(data)

    async def complete_upload(self, id: str, **kwargs: Any) -> CompleteUpload:
        query = gql("""
            mutation CompleteUpload($id: ID!) {
              completeUpload(id: $id) {
                __typename
                ...UploadParts
                ...ErrorInfo
              }
            }

            fragment ErrorInfo on OperationInfo {
              messages {
                field
                message
                kind
                code
              }
            }

            fragment UploadParts on UploadSession {
              id
              path
              size
              partSize
              partCount
              direct
              status
              error
              expiresAt
              dataset {
                id
                name
              }
              receivedParts {
                number
                size
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="CompleteUpload", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CompleteUpload.model_validate(data)
