import type { CodegenConfig } from "@graphql-codegen/cli";

// `npm run codegen` writes src/gql/ from the committed SDL; scripts/codegen-check.mjs reuses this config.
const outDir = process.env.CODEGEN_OUT_DIR ?? "./src/gql/";

const config: CodegenConfig = {
  schema: "../backend/schema/schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: false,
  generates: {
    [outDir]: {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        strictScalars: true,
        scalars: {
          BigInt: "number",
          Date: "string",
          DateTime: "string",
          Time: "string",
          JSON: "unknown",
          Upload: "File",
        },
      },
    },
  },
};

export default config;
