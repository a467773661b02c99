import { useState } from "react";
import type { AlgorithmLimits } from "@/features/algorithms/api/algorithm-limits";
import {
  environmentFromRows,
  rowsFromEnvironment,
  validateRows,
  type EnvRow,
} from "@/features/algorithms/utils/environment";
import { parseNumber, validateAlgorithm } from "@/features/algorithms/utils/validate-algorithm";
import type { AlgorithmFieldsFragment, AlgorithmInput } from "@/gql/graphql";
import { fieldProblems, NO_ERRORS, type FormErrors } from "@/lib/operation-info";

/** A number field as typed: kept as text until sending, so what the user typed is never clamped. */
export type NumberValue = number | string;

/** What the algorithm form holds while it is edited. */
export interface AlgorithmFormValues {
  readonly name: string;
  readonly description: string;
  readonly imageId: string | null;
  readonly command: string;
  readonly entrypoint: string;
  readonly envRows: readonly EnvRow[];
  readonly gpu: boolean;
  readonly memoryMb: NumberValue;
  readonly cpus: NumberValue;
  readonly timeoutS: NumberValue;
  readonly network: boolean;
  readonly cacheResults: boolean;
  readonly isPublic: boolean;
}

export interface AlgorithmFormState {
  readonly values: AlgorithmFormValues;
  /** The form's own checks, or the server's answer to the last save. */
  readonly errors: FormErrors;
  /** Messages per environment row id, from the last check. */
  readonly envErrors: Readonly<Record<number, string>>;
  readonly set: <K extends keyof AlgorithmFormValues>(field: K, value: AlgorithmFormValues[K]) => void;
  readonly setEnvRows: (rows: readonly EnvRow[]) => void;
  readonly setErrors: (errors: FormErrors) => void;
  /** The input to send when every check passes; otherwise null, with the problems shown. */
  readonly validate: () => AlgorithmInput | null;
}

/** An empty form, or the algorithm's current settings (empty numbers keep the server's defaults). */
function initialValues(algorithm: AlgorithmFieldsFragment | undefined): AlgorithmFormValues {
  return {
    name: algorithm?.name ?? "",
    description: algorithm?.description ?? "",
    imageId: algorithm?.image.id ?? null,
    command: algorithm?.command ?? "",
    entrypoint: algorithm?.entrypoint ?? "",
    envRows: rowsFromEnvironment(algorithm?.environment),
    gpu: algorithm?.gpu ?? false,
    memoryMb: algorithm?.memoryMb ?? "",
    cpus: algorithm?.cpus ?? "",
    timeoutS: algorithm?.timeoutS ?? "",
    network: algorithm?.network ?? false,
    cacheResults: algorithm?.cacheResults ?? false,
    isPublic: algorithm?.isPublic ?? false,
  };
}

/** The values as the API takes them; only called once they passed the checks. */
function inputFrom(values: AlgorithmFormValues): AlgorithmInput {
  return {
    name: values.name,
    description: values.description,
    imageId: values.imageId,
    command: values.command,
    entrypoint: values.entrypoint,
    environment: environmentFromRows(values.envRows),
    gpu: values.gpu,
    memoryMb: parseNumber(values.memoryMb),
    cpus: parseNumber(values.cpus),
    timeoutS: parseNumber(values.timeoutS),
    network: values.network,
    cacheResults: values.cacheResults,
    isPublic: values.isPublic,
  };
}

/**
 * The algorithm form's values, errors and checks. The values are read from `algorithm` once, so a
 * refetch of it does not overwrite what is being edited.
 */
export function useAlgorithmFormState(
  algorithm: AlgorithmFieldsFragment | undefined,
  limits: AlgorithmLimits | null,
): AlgorithmFormState {
  const [values, setValues] = useState(() => initialValues(algorithm));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [envErrors, setEnvErrors] = useState<Record<number, string>>({});

  const set = <K extends keyof AlgorithmFormValues>(field: K, value: AlgorithmFormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
  };

  const setEnvRows = (rows: readonly EnvRow[]) => {
    set("envRows", rows);
    // The row messages were for the rows as they were checked; they come back at the next submit.
    setEnvErrors({});
  };

  const validate = (): AlgorithmInput | null => {
    // Everything is checked at once, before sending; the server checks again and has the last word.
    const rowErrors = validateRows(values.envRows);
    setEnvErrors(rowErrors);
    const problems = fieldProblems({
      ...validateAlgorithm(values, { creating: algorithm === undefined, limits }),
      environment: Object.keys(rowErrors).length > 0 ? "Fix the variables marked below." : null,
    });
    if (problems) {
      setErrors(problems);
      return null;
    }
    return inputFrom(values);
  };

  return { values, errors, envErrors, set, setEnvRows, setErrors, validate };
}
