/** A urql client for tests: each operation is answered by a handler, subscriptions by subjects. */
import { Kind } from "graphql";
import { Client, makeResult, type Exchange, type Operation, type OperationResult } from "@urql/core";
import {
  filter,
  fromValue,
  makeSubject,
  mergeMap,
  pipe,
  takeUntil,
  tap,
  type Source,
  type Subject,
} from "wonka";

export type Responder = (operation: Operation) => Source<OperationResult> | undefined;

export interface TestClient {
  readonly client: Client;
  readonly operations: Operation[];
  /** Subscriptions opened so far, newest last, each with a subject to push results through. */
  readonly subscriptions: { operation: Operation; subject: Subject<OperationResult>; closed: boolean }[];
}

export function operationName(operation: Operation): string | undefined {
  for (const definition of operation.query.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) return definition.name?.value;
  }
  return undefined;
}

export function createTestClient(respond: Responder = () => undefined): TestClient {
  const operations: Operation[] = [];
  const subscriptions: TestClient["subscriptions"] = [];
  const exchange: Exchange = () => (operations$) => {
    const teardowns$ = pipe(
      operations$,
      filter((operation) => (operation.kind as string) === "teardown"),
    );
    return pipe(
      operations$,
      filter((operation) => (operation.kind as string) !== "teardown"),
      mergeMap((operation) => {
        operations.push(operation);
        const answer = respond(operation);
        if (answer) return answer;
        if ((operation.kind as string) === "subscription") {
          const entry = { operation, subject: makeSubject<OperationResult>(), closed: false };
          subscriptions.push(entry);
          return pipe(
            entry.subject.source,
            takeUntil(
              pipe(
                teardowns$,
                filter((teardown) => teardown.key === operation.key),
                tap(() => {
                  entry.closed = true;
                }),
              ),
            ),
          );
        }
        return fromValue(makeResult(operation, { data: null }));
      }),
    );
  };
  const client = new Client({ url: "/graphql", exchanges: [exchange], requestPolicy: "network-only" });
  return { client, operations, subscriptions };
}

export function dataResult(operation: Operation, data: Record<string, unknown>): OperationResult {
  return makeResult(operation, { data });
}
