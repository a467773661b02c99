import { describe, expect, it } from "vitest";
import {
  badVariable,
  errorsSentence,
  fieldProblems,
  formErrorsFromMessages,
  uploadOutcomeOf,
} from "./operation-info";
import { extractFiles } from "./upload";

describe("formErrorsFromMessages", () => {
  it("puts messages on their camelCase fields and the rest in general", () => {
    const errors = formErrorsFromMessages(
      [
        { kind: "VALIDATION", message: "Give it a name.", field: "name" },
        { kind: "VALIDATION", message: "Bad ref.", field: "input.imageRef" },
        { kind: "VALIDATION", message: "Too big.", field: "memory_mb" },
        { kind: "VALIDATION", message: "Bad path.", field: "paths.2" },
        { kind: "VALIDATION", message: "Also bad.", field: "paths.3" },
        { kind: "PERMISSION", message: "Not yours.", field: null },
        { kind: "VALIDATION", message: "Unknown.", field: "somethingElse" },
      ],
      ["name", "imageRef", "memoryMb", "paths"],
    );
    expect(errors.fields).toEqual({
      name: "Give it a name.",
      imageRef: "Bad ref.",
      memoryMb: "Too big.",
      paths: "Bad path. Also bad.",
    });
    expect(errors.general).toEqual(["Not yours.", "Unknown."]);
  });
});

describe("errorsSentence", () => {
  it("joins the general messages, then the field messages", () => {
    expect(errorsSentence({ general: ["Not yours."], fields: { name: "Too long." } })).toBe(
      "Not yours. Too long.",
    );
  });
});

describe("uploadOutcomeOf", () => {
  it("turns GraphQL errors without data into general errors", () => {
    const outcome = uploadOutcomeOf(
      { data: null, errors: [{ message: "Too big." }, { message: "Try later." }] },
      (data: { create: { __typename: "Dataset"; id: string } }) => data.create,
    );
    expect(outcome).toEqual({ ok: false, errors: { fields: {}, general: ["Too big. Try later."] } });
  });

  it("reads the payload out of the data", () => {
    const outcome = uploadOutcomeOf(
      {
        data: {
          create: {
            __typename: "OperationInfo" as const,
            messages: [{ kind: "VALIDATION", message: "Give it a name.", field: "name" }],
          },
        },
        errors: [],
      },
      (data) => data.create,
      ["name"],
    );
    expect(outcome).toEqual({ ok: false, errors: { fields: { name: "Give it a name." }, general: [] } });
  });
});

describe("extractFiles", () => {
  it("replaces files with null and maps where they were", () => {
    const a = new File(["a"], "a.txt");
    const b = new File(["b"], "b.txt");
    const { clone, files } = extractFiles({ input: { name: "x", files: [a, b], single: a } });
    expect(clone).toEqual({ input: { name: "x", files: [null, null], single: null } });
    expect(files.map((entry) => [entry.file.name, entry.paths])).toEqual([
      ["a.txt", ["variables.input.files.0", "variables.input.single"]],
      ["b.txt", ["variables.input.files.1"]],
    ]);
  });
});

describe("badVariable", () => {
  it("turns graphql-core's refusal of a variable into a field message", () => {
    const raw =
      "Variable '$input' got invalid value 99999999999 at 'input.memoryMb'; Int cannot represent non 32-bit signed integer value: 99999999999";
    expect(badVariable(raw)).toEqual({ field: "memoryMb", message: "This number is too large." });
    expect(
      badVariable(
        "Variable '$input' got invalid value 1.5 at 'input.timeoutS'; Int cannot represent non-integer value: 1.5",
      ),
    ).toEqual({
      field: "timeoutS",
      message: "Use a whole number.",
    });
    expect(badVariable("Something else")).toBeNull();
  });
});

describe("fieldProblems", () => {
  it("keeps the fields that have a message, and is null when none has", () => {
    expect(fieldProblems({ name: "Enter a name.", files: null, paths: "" })).toEqual({
      fields: { name: "Enter a name." },
      general: [],
    });
    expect(fieldProblems({ name: undefined, files: null })).toBeNull();
  });
});
