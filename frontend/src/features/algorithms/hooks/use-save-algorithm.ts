import { useCreateAlgorithm } from "@/features/algorithms/api/create-algorithm";
import { useUpdateAlgorithm } from "@/features/algorithms/api/update-algorithm";
import type { AlgorithmFieldsFragment, AlgorithmInput } from "@/gql/graphql";
import { outcomeOf, type MutationOutcome } from "@/lib/operation-info";

/** The form fields the server's messages may name; a message for any other goes above the form. */
const FIELDS = [
  "name",
  "description",
  "imageId",
  "command",
  "entrypoint",
  "environment",
  "gpu",
  "memoryMb",
  "cpus",
  "timeoutS",
  "network",
  "cacheResults",
  "isPublic",
] as const;

/** Saves the form's input: creates an algorithm, or updates `algorithm` when one is given. */
export function useSaveAlgorithm(algorithm: AlgorithmFieldsFragment | undefined) {
  const [created, create] = useCreateAlgorithm();
  const [updated, update] = useUpdateAlgorithm();
  const saving = created.fetching || updated.fetching;

  const save = async (input: AlgorithmInput): Promise<MutationOutcome<AlgorithmFieldsFragment>> => {
    const result = algorithm
      ? await update({ id: algorithm.id, input }).then((r) => ({
          payload: r.data?.updateAlgorithm,
          error: r.error,
        }))
      : await create({ input }).then((r) => ({ payload: r.data?.createAlgorithm, error: r.error }));
    return outcomeOf(result.payload, result.error, FIELDS);
  };

  return { saving, save };
}
