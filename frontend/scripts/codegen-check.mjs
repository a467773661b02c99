// Fails when src/gql/ is stale: generates into a temporary folder and compares it with the committed files.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const committed = path.resolve("src/gql");
const temp = mkdtempSync(path.join(tmpdir(), "oasis-codegen-"));
try {
  execFileSync("npx", ["graphql-codegen", "--config", "codegen.ts", "--silent"], {
    stdio: "inherit",
    env: { ...process.env, CODEGEN_OUT_DIR: `${temp}/` },
  });
  const names = new Set([...readdirSync(committed), ...readdirSync(temp)]);
  const stale = [...names].filter((name) => {
    try {
      return readFileSync(path.join(committed, name), "utf8") !== readFileSync(path.join(temp, name), "utf8");
    } catch {
      return true;
    }
  });
  if (stale.length > 0) {
    console.error(`src/gql is stale (${stale.join(", ")}): run \`npm run codegen\` and commit the result.`);
    process.exit(1);
  }
  console.log("src/gql is up to date.");
} finally {
  rmSync(temp, { recursive: true, force: true });
}
