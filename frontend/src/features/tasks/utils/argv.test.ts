import { describe, expect, it } from "vitest";
import { argvToShell, shellQuote } from "@/features/tasks/utils/argv";

describe("argvToShell", () => {
  it("leaves plain words bare and quotes the rest", () => {
    expect(argvToShell(["/bin/sh", "-c", "cat input/* > output/all.txt"])).toBe(
      "/bin/sh -c 'cat input/* > output/all.txt'",
    );
    expect(argvToShell(["echo", "KEY=value", "a,b"])).toBe("echo KEY=value a,b");
  });

  it("keeps empty arguments and single quotes", () => {
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});
