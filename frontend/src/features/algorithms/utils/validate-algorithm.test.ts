import { INSTALLATION_LIMITS } from "@/testing/limits";
import { describe, expect, it } from "vitest";
import {
  parseNumber,
  shellSplitError,
  validateAlgorithm,
  type AlgorithmValues,
} from "@/features/algorithms/utils/validate-algorithm";

const valid: AlgorithmValues = {
  name: "concat",
  imageId: "SW1hZ2U6MQ==",
  command: "/bin/sh -c 'cat input/* > output/all.txt'",
  entrypoint: "",
  memoryMb: 1024,
  cpus: 1,
  timeoutS: 300,
};

describe("validateAlgorithm", () => {
  it("accepts valid values and empty numbers (the server's defaults)", () => {
    expect(validateAlgorithm(valid, { creating: true, limits: INSTALLATION_LIMITS })).toEqual({});
    expect(
      validateAlgorithm(
        { ...valid, memoryMb: "", cpus: "", timeoutS: "" },
        { creating: true, limits: INSTALLATION_LIMITS },
      ),
    ).toEqual({});
  });

  it("reports every problem at once, in the server's words", () => {
    const errors = validateAlgorithm(
      {
        name: "  ",
        imageId: null,
        command: "echo 'unclosed",
        entrypoint: "",
        memoryMb: 99999999999,
        cpus: 9,
        timeoutS: -5,
      },
      { creating: true, limits: INSTALLATION_LIMITS },
    );
    expect(errors).toEqual({
      name: "Give the algorithm a name.",
      imageId: "Choose an image.",
      command: "Cannot split it like a shell would: the single quote is never closed.",
      memoryMb: "Memory is between 6 and 16,384 MB.",
      cpus: "CPUs are between 0.01 and 4.",
      timeoutS: "The timeout is between 1 and 86,400 seconds.",
    });
  });

  it("refuses fractions where the server takes whole numbers, and text that is not a number", () => {
    const errors = validateAlgorithm(
      { ...valid, memoryMb: 512.5, timeoutS: "ten" },
      { creating: false, limits: INSTALLATION_LIMITS },
    );
    expect(errors.memoryMb).toBe("Memory is a whole number of MB.");
    expect(errors.timeoutS).toBe("The timeout is a number.");
  });

  it("checks the installation's own limits, and only the form of numbers until they are known", () => {
    const small = { ...INSTALLATION_LIMITS, maxMemoryMb: 2048, allowNetwork: false };
    const errors = validateAlgorithm(
      { ...valid, memoryMb: 4096, network: true },
      { creating: true, limits: small },
    );
    expect(errors.memoryMb).toBe("Memory is between 6 and 2,048 MB.");
    expect(errors.network).toBe("This installation does not allow network access for algorithms.");
    expect(
      validateAlgorithm({ ...valid, memoryMb: 4096, timeoutS: -5 }, { creating: true, limits: null }),
    ).toEqual({});
    expect(validateAlgorithm({ ...valid, memoryMb: 99999999999 }, { creating: true, limits: null })).toEqual({
      memoryMb: "Memory is far too large.",
    });
  });

  it("splits like shlex", () => {
    expect(shellSplitError(`a "b c" 'd' e\\ f`)).toBeNull();
    expect(shellSplitError(`a "b`)).toBe("the double quote is never closed");
    expect(shellSplitError("a \\")).toBe("it ends with a lone backslash");
    expect(parseNumber(" 12 ")).toBe(12);
    expect(parseNumber("")).toBeNull();
    expect(parseNumber("1e3")).toBe(1000);
    expect(Number.isNaN(parseNumber("12abc"))).toBe(true);
  });
});
