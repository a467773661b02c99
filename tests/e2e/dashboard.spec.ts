/**
 * The dashboard end to end, against a running OASIS (the pytest wrapper starts the real stack).
 *
 * Environment: OASIS_E2E_URL, OASIS_E2E_USER/OASIS_E2E_PASSWORD and OASIS_E2E_USER2/OASIS_E2E_PASSWORD2
 * (two existing users), OASIS_E2E_IMAGE_TAR (a `docker save`d busybox image) and optionally
 * OASIS_E2E_ARTIFACTS (where screenshots go; default: test-artifacts/ at the repository root).
 *
 * Over 400 lines on purpose: one story of a user through every page (sign in, register, run, watch,
 * download, share nothing with the second user), each step building on the one before; the helpers
 * it shares with the other specs live in helpers.ts.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import JSZip from "jszip";
import { artifacts, env, screenshot, signIn, user } from "./helpers";

const otherUser = {
  username: env("OASIS_E2E_USER2"),
  password: env("OASIS_E2E_PASSWORD2"),
};
const imageTar = env("OASIS_E2E_IMAGE_TAR");

const run = Date.now().toString(36);
const names = {
  image: `busybox-${run}`,
  dataset: `inputs-${run}`,
  algorithm: `concat-${run}`,
  sleeper: `sleeper-${run}`,
  firehose: `firehose-${run}`,
  bulk: `bulk-${run}`,
};
const COMMAND =
  "/bin/sh -c 'for i in $(seq 1 30); do echo line $i; sleep 0.2; done; " +
  "cat input/* > output/all.txt; mkdir -p output/sub; echo done > output/sub/x.txt'";

/** About 10,000 lines a second for ~10 s: 100 bursts of 1,000 lines, 0.08 s apart (plus the spawns). */
const FIREHOSE =
  '/bin/sh -c \'b=0; while [ $b -lt 100 ]; do seq $((b*1000+1)) $((b*1000+1000)) | sed "s/^/fast /"; ' +
  "sleep 0.08; b=$((b+1)); done'";

/** A task page's URL ends in the task's number (`/tasks/12`); old links with the relay id still work. */
function taskPk(url: string): string {
  const id = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
  return /^\d+$/.test(id) ? id : (Buffer.from(id, "base64").toString("utf8").split(":").pop() ?? id);
}

function taskGlobalId(pk: string): string {
  return Buffer.from(`AlgorithmTask:${pk}`).toString("base64");
}

async function signOut(page: Page) {
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

async function pick(page: Page, label: string, option: string | RegExp) {
  await page.getByRole("textbox", { name: label, exact: true }).click();
  await page.getByRole("option", { name: option }).click();
}

async function createAlgorithm(page: Page, name: string, command: string) {
  await page.goto("/algorithms/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await pick(page, "Image", names.image);
  await page.getByLabel("Command").fill(command);
  await page.getByRole("button", { name: "Add variable" }).click();
  await page.getByLabel("Variable 1 name").fill("GREETING");
  await page.getByLabel("Variable 1 value").fill("hello");
  await page.getByLabel("Timeout (seconds)").fill("300");
  await page.getByRole("button", { name: "Create algorithm" }).click();
  await expect(page).toHaveURL(/\/algorithms$/);
  await expect(page.getByRole("table", { name: "Algorithms" })).toContainText(name);
}

async function runAlgorithm(page: Page, name: string): Promise<string> {
  await page.goto("/algorithms");
  await page.getByRole("button", { name: `Run ${name}` }).click();
  const dialog = page.getByRole("dialog");
  await pick(page, "Input dataset", new RegExp(names.dataset));
  await dialog.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page).toHaveURL(/\/tasks\/[^/]+$/);
  return page.url();
}

/** A GraphQL request with the page's session (and its CSRF token), for setting up many tasks quickly. */
async function graphql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "csrftoken")?.value ?? "";
  const response = await page.request.post("/graphql", {
    data: { query, variables },
    headers: { "X-CSRFToken": csrf },
  });
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

/** Starts `count` tasks of the algorithm named `algorithm` on the e2e dataset; their numbers. */
async function startTasks(page: Page, algorithm: string, count: number): Promise<string[]> {
  const found = await graphql<{
    algorithms: { edges: { node: { id: string } }[] };
    datasets: { edges: { node: { id: string } }[] };
  }>(
    page,
    `
      query ($algorithm: String!, $dataset: String!) {
        algorithms(filters: { name: { exact: $algorithm } }) {
          edges {
            node {
              id
            }
          }
        }
        datasets(filters: { name: { exact: $dataset } }) {
          edges {
            node {
              id
            }
          }
        }
      }
    `,
    { algorithm, dataset: names.dataset },
  );
  const input = {
    algorithmId: found.algorithms.edges[0]?.node.id,
    inputDatasetId: found.datasets.edges[0]?.node.id,
  };
  const started: string[] = [];
  // A few at a time: quick, and gentle on a machine of two cores.
  for (let i = 0; i < count; i += 5) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(5, count - i) }, () =>
        graphql<{ runAlgorithm: { __typename: string; id?: string } }>(
          page,
          `
            mutation ($input: RunAlgorithmInput!) {
              runAlgorithm(input: $input) {
                __typename
                ... on AlgorithmTask {
                  id
                }
              }
            }
          `,
          { input },
        ),
      ),
    );
    for (const result of batch) {
      expect(result.runAlgorithm.__typename).toBe("AlgorithmTask");
      started.push(taskPk(`http://x/tasks/${result.runAlgorithm.id ?? ""}`));
    }
  }
  return started;
}

test("a user runs an algorithm end to end; another user sees none of it", async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));

  await test.step("sign in", async () => {
    await signIn(page, user);
    await expect(page).toHaveURL(/\/tasks$/);
  });

  await test.step("an upload the server refuses shows its message", async () => {
    const bogus = path.join(mkdtempSync(path.join(tmpdir(), "oasis-e2e-")), "not-an-image.tar");
    writeFileSync(bogus, "this is not a docker save archive\n".repeat(100));
    await page.goto("/images");
    await page.getByRole("button", { name: "Register image" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Register an image" });
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(`broken-${run}`);
    await dialog.locator('input[type="file"]').setInputFiles(bogus);
    await dialog.getByRole("button", { name: "Register image" }).click();
    await expect(dialog.locator(".mantine-InputWrapper-error, [role=alert]").first()).toBeVisible();
    await dialog.getByRole("button", { name: "Close", exact: true }).click();
  });

  await test.step("upload an image tarball", async () => {
    await page.getByRole("button", { name: "Register image" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Register an image" });
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(names.image);
    await dialog.locator('input[type="file"]').setInputFiles(imageTar);
    await dialog.getByRole("button", { name: "Register image" }).click();
    await expect(dialog).toBeHidden({ timeout: 120_000 });
    const table = page.getByRole("table", { name: "Images" });
    await expect(table).toContainText(names.image);
    await expect(table).toContainText("Tarball");
    // Registered as PENDING; a worker verifies the tarball and the row turns READY without a reload.
    const row = table.locator(`tr[data-image-name="${names.image}"]`);
    await expect(row.locator('[data-image-status="READY"]')).toBeVisible({
      timeout: 60_000,
    });
    await expect(row.getByRole("button", { name: "Copy image id" })).toBeVisible();
    await screenshot(page, "images");
  });

  await test.step("add and remove a registry login", async () => {
    const logins = page.getByRole("form", { name: "Add a registry login" });
    await logins.getByRole("textbox", { name: "Registry host" }).fill("registry.e2e.example:5000");
    await logins.getByRole("textbox", { name: "Username" }).fill("robot");
    await logins.getByLabel("Password or token").fill("robot-token");
    await logins.getByRole("button", { name: "Save login" }).click();
    const table = page.getByRole("table", { name: "Registry logins" });
    await expect(table).toContainText("registry.e2e.example:5000");
    await expect(table).not.toContainText("robot-token");
    await table
      .getByRole("button", {
        name: "Remove the login for registry.e2e.example:5000",
      })
      .click();
    await page.getByRole("button", { name: "Remove", exact: true }).click();
    await expect(page.getByRole("table", { name: "Registry logins" })).toBeHidden();
  });

  const folder = mkdtempSync(path.join(tmpdir(), "oasis-e2e-files-"));
  await test.step("create a dataset from files and a folder", async () => {
    writeFileSync(path.join(folder, "a.txt"), "alpha\n");
    writeFileSync(path.join(folder, "b.txt"), "bravo\n");
    mkdirSync(path.join(folder, "sub"));
    writeFileSync(path.join(folder, "sub", "c.txt"), "charlie\n");

    await page.goto("/datasets/new");
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(names.dataset);
    await page
      .getByTestId("dataset-files-input")
      .setInputFiles([path.join(folder, "a.txt"), path.join(folder, "b.txt")]);
    await page.getByTestId("dataset-folder-input").setInputFiles(path.join(folder, "sub"));
    const list = page.getByRole("list", { name: "Files to upload" });
    await expect(list).toContainText("a.txt");
    await expect(list).toContainText("sub/c.txt");
    await page.getByRole("button", { name: "Create dataset" }).click();

    await expect(page).toHaveURL(/\/datasets\/[^/]+$/);
    await expect(page.getByRole("heading", { name: names.dataset })).toBeVisible();
    const tree = page.getByRole("list", { name: "Dataset files" });
    await expect(tree).toContainText("sub/");
    await expect(tree).toContainText("c.txt");
    await expect(tree).toContainText("b.txt");
  });

  await test.step("a file's name opens its preview, with its SHA-256; the dataset form says its limits", async () => {
    await page.getByRole("button", { name: "Preview sub/c.txt" }).click();
    const preview = page.getByRole("dialog", { name: "sub/c.txt" });
    await expect(preview.getByTestId("file-preview-text")).toHaveText("charlie\n");
    // sha256("charlie\n")
    await expect(preview.getByTestId("file-sha256")).toContainText(
      createHash("sha256").update("charlie\n").digest("hex"),
    );
    await expect(preview.getByRole("link", { name: "Download" })).toBeVisible();
    await screenshot(page, "file-preview");
    await page.keyboard.press("Escape");

    await page.goto("/datasets/new");
    await expect(page.getByTestId("dataset-limits")).toContainText("files per dataset, each up to");
    await page.getByRole("button", { name: "Create dataset" }).click();
    await expect(page.getByText("Give the dataset a name.")).toBeVisible();
    await expect(page.getByText("Add at least one file.")).toBeVisible();
  });

  await test.step("list datasets with size and file count", async () => {
    await page.goto("/datasets");
    const row = page.getByRole("row", { name: new RegExp(names.dataset) });
    await expect(row).toContainText("3");
    await screenshot(page, "datasets");
  });

  await test.step("the algorithm form checks every field at once, in plain words", async () => {
    await page.goto("/algorithms/new");
    await expect(page.getByText("6–16,384 MB")).toBeVisible();
    await page.getByLabel("Memory (MB)").fill("99999999999");
    await page.getByLabel("Timeout (seconds)").fill("-5");
    await page.getByRole("button", { name: "Create algorithm" }).click();
    await expect(page.getByText("Give the algorithm a name.")).toBeVisible();
    await expect(page.getByText("Choose an image.")).toBeVisible();
    await expect(page.getByText("Memory is between 6 and 16,384 MB.")).toBeVisible();
    await expect(page.getByText("The timeout is between 1 and 86,400 seconds.")).toBeVisible();
    await expect(page.getByLabel("Timeout (seconds)")).toHaveValue("-5");
    await expect(page.getByText(/cannot represent/)).toHaveCount(0);
  });

  await test.step("create algorithms", async () => {
    await createAlgorithm(page, names.algorithm, COMMAND);
    await createAlgorithm(page, names.sleeper, "sleep 60");
    await createAlgorithm(page, names.firehose, FIREHOSE);
    await createAlgorithm(page, names.bulk, "sleep 300");
    await screenshot(page, "algorithms");
    // The list searches by name, kept in the URL.
    await page.getByRole("textbox", { name: "Search algorithms by name" }).fill(names.sleeper);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${names.sleeper}`));
    await page.reload();
    const table = page.getByRole("table", { name: "Algorithms" });
    await expect(table).toContainText(names.sleeper);
    await expect(table).not.toContainText(names.firehose);
    await expect(page.getByRole("textbox", { name: "Search algorithms by name" })).toHaveValue(names.sleeper);
  });

  let taskUrl = "";
  await test.step("run it and watch the log and the status live", async () => {
    taskUrl = await runAlgorithm(page, names.algorithm);
    const counts = new Set<string>();
    const scroller = page.getByTestId("log-scroller");
    await expect(scroller).toContainText(/line \d+/, { timeout: 120_000 });
    let shot = false;
    // Lines arrive while the task runs: the count grows without any reload.
    for (let i = 0; i < 120; i += 1) {
      counts.add((await page.getByTestId("log-count").textContent()) ?? "");
      if (!shot && (await scroller.textContent())?.includes("line 8")) {
        await screenshot(page, "task-detail");
        shot = true;
        // A full-page screenshot can take seconds on a busy machine: count again after it.
        counts.add((await page.getByTestId("log-count").textContent()) ?? "");
      }
      if (await page.getByText("line 30", { exact: true }).isVisible()) break;
      await page.waitForTimeout(150);
    }
    expect(counts.size).toBeGreaterThan(1);
    await expect(page.getByText("line 30", { exact: true })).toBeVisible();
    await expect(page.locator('[data-status="SUCCEEDED"]').first()).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId("log-status")).toHaveAttribute("data-status", "done");
    if (!shot) await screenshot(page, "task-detail");
  });

  await test.step("a task that ends while you are elsewhere: a notification, the tab title and icon", async () => {
    const url = await runAlgorithm(page, names.algorithm);
    const pk = taskPk(url);
    await expect(page).toHaveTitle(new RegExp(`Task #${pk} · OASIS$`));
    await page.goto("/datasets");
    const notice = page.getByTestId("task-end-notice").filter({ hasText: `Task #${pk} succeeded` });
    await expect(notice).toBeVisible({ timeout: 120_000 });
    await expect(page).toHaveTitle("(1) OASIS");
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute("data-badge", "succeeded");
    await screenshot(page, "task-end-notification");
    await notice.click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${pk}$`));
    await expect(page).toHaveTitle(`Succeeded · Task #${pk} · OASIS`);
  });

  await test.step("the log is above the fold; a link to a line opens it there, highlighted", async () => {
    const box = await page.getByTestId("log-scroller").boundingBox();
    expect(box).not.toBeNull();
    // At 1440x900 at least 300 px of log lines are visible without scrolling the page.
    expect((box?.y ?? 900) + 300).toBeLessThan(900);
    await page.goto(`${taskUrl}#L12`);
    const row = page.locator('[data-line="11"]');
    await expect(row).toHaveAttribute("data-target", "true");
    await expect(row).toBeInViewport();
    await expect(page.getByTestId("log-scroller")).toHaveAttribute("data-following", "false");
    await page.getByRole("textbox", { name: "Go to line" }).fill("3");
    await page.getByRole("textbox", { name: "Go to line" }).press("Enter");
    await expect(page).toHaveURL(/#L3$/);
    await expect(page.locator('[data-line="2"]')).toHaveAttribute("data-target", "true");
    const streams = (name: string) => page.locator("label[for]").filter({ hasText: new RegExp(`^${name}$`) });
    await streams("stderr").click();
    await expect(page.getByTestId("log-scroller")).not.toContainText("line 5");
    await streams("All").click();
    await expect(page.getByTestId("log-scroller")).toContainText("line 5");
  });

  await test.step("the whole log downloads from the server, as plain text with stream labels", async () => {
    await page.getByRole("button", { name: "Download" }).click();
    const item = page.getByRole("menuitem", {
      name: "Plain text with stream labels",
    });
    const href = await item.getAttribute("href");
    expect(href).toContain("labels=1");
    const response = await page.request.get(href ?? "");
    expect(response.ok()).toBe(true);
    const text = await response.text();
    expect(text).toMatch(/^\[\w+\] line 1$/m);
    expect(text).toMatch(/^\[\w+\] line 30$/m);
    expect(text).not.toContain("\u001b[");
    await page.keyboard.press("Escape");
  });

  await test.step("the task shows the run spec it recorded", async () => {
    // CPU and memory sampled over the run, the peak beside the limit.
    const resources = page.getByRole("region", { name: "Resources" });
    await expect(resources.getByTestId("peak-memory")).toContainText(/of .*\(\d+%\)/, { timeout: 30_000 });
    await expect(resources.getByRole("img", { name: "Memory over the run" })).toBeVisible();
    const spec = page.getByRole("table", { name: "Run spec" });
    const value = (label: string) =>
      spec.getByRole("row").filter({
        has: page.getByRole("rowheader", { name: label, exact: true }),
      });
    await expect(value("Image")).toContainText(names.image);
    await expect(value("Image")).toContainText("tarball");
    await expect(value("Image id").getByRole("button", { name: "Copy image id" })).toBeVisible();
    await expect(value("Command")).toContainText("/bin/sh -c 'for i in $(seq 1 30)");
    await expect(value("Entrypoint")).toContainText("the image's ENTRYPOINT");
    await expect(value("Environment")).toContainText("GREETING=hello");
    await expect(value("Resources")).toContainText("timeout 5m 00s");
    await expect(value("Spec digest")).toContainText(/[0-9a-f]{12}/);
    await expect(value("Input digest")).toContainText(/[0-9a-f]{12}/);
  });

  await test.step("download the output as a zip", async () => {
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download zip of the output dataset" }).click();
    const file = await (await download).path();
    const zip = await JSZip.loadAsync(readFileSync(file));
    const all = await zip.file("all.txt")?.async("string");
    expect(all).toContain("alpha");
    expect(all).toContain("bravo");
    expect(await zip.file("sub/x.txt")?.async("string")).toBe("done\n");
  });

  await test.step("re-run it, reusing the identical result, and follow the provenance", async () => {
    await page.goto(taskUrl);
    const original = `task #${taskPk(taskUrl)}`;
    await page.getByRole("button", { name: "Re-run", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Re-run this task" });
    await dialog.getByRole("checkbox", { name: "Reuse an earlier identical result" }).check();
    await dialog.getByRole("button", { name: "Re-run", exact: true }).click();
    await expect(page).not.toHaveURL(taskUrl);
    await expect(page).toHaveURL(/\/tasks\/[^/]+$/);
    const rerunUrl = page.url();
    // Nothing ran: the new task took an identical earlier run's result at once (the newest such run:
    // the original, or the one the notification step started with the same algorithm and input).
    const provenance = page.getByTestId("task-provenance");
    await expect(provenance).toContainText(/Reused from task #\d+/);
    await expect(provenance).toContainText(`Re-run of ${original}`);
    const reusedFrom = /Reused from (task #\d+)/.exec((await provenance.textContent()) ?? "")?.[1] ?? "";
    expect(Number(reusedFrom.split("#")[1])).toBeGreaterThanOrEqual(Number(taskPk(taskUrl)));
    await expect(page.locator('[data-status="SUCCEEDED"]').first()).toBeVisible();
    await expect(page.getByTestId("log-scroller")).toContainText(
      `Reused the result of ${reusedFrom.replace("#", "")}`,
    );
    await screenshot(page, "task-rerun");

    // Its output (the same files, shared) says which task made it, and where that task's input came from.
    await page.getByRole("region", { name: "Output dataset" }).getByRole("link").first().click();
    await expect(page).toHaveURL(/\/datasets\/[^/]+$/);
    await expect(page.getByTestId("made-by")).toContainText(`Made by task #${taskPk(rerunUrl)}`);
    await expect(page.getByRole("region", { name: "Lineage" })).toContainText(names.dataset);
    await page.getByTestId("made-by").getByRole("link").click();
    await expect(page).toHaveURL(rerunUrl);
  });

  await test.step("following a 10,000 lines/s stream never shows an empty log pane", async () => {
    await runAlgorithm(page, names.firehose);
    const scroller = page.getByTestId("log-scroller");
    await expect(scroller).toContainText(/fast \d+/, { timeout: 120_000 });
    await expect(scroller).toHaveAttribute("data-following", "true");
    const lineTotal = async () =>
      Number(((await page.getByTestId("log-count").textContent()) ?? "0").replace(/[^0-9]/g, ""));
    const before = await lineTotal();
    const started = Date.now();
    let after = before;
    let ended = started;
    // Every animation frame (after that frame's scroll events, before its paint), while following:
    // does any row inside the pane's box show a streamed line? Screenshots of a few frames are kept.
    const recording = page.evaluate(async (durationMs) => {
      const pane = document.querySelector<HTMLElement>('[data-testid="log-scroller"]');
      if (!pane) throw new Error("no log pane");
      let frames = 0;
      const blank: number[] = [];
      const until = performance.now() + durationMs;
      await new Promise<void>((resolve) => {
        const tick = () => {
          if (pane.dataset.following === "true") {
            frames += 1;
            const box = pane.getBoundingClientRect();
            const shown = [...pane.querySelectorAll<HTMLElement>("[data-index]")].some((row) => {
              const rect = row.getBoundingClientRect();
              return rect.bottom > box.top && rect.top < box.bottom && /fast \d+/.test(row.textContent);
            });
            if (!shown) blank.push(pane.scrollTop);
          }
          if (performance.now() < until) requestAnimationFrame(tick);
          else resolve();
        };
        requestAnimationFrame(tick);
      });
      return { frames, blank };
    }, 5_000);
    void recording.then(async () => {
      after = await lineTotal();
      ended = Date.now();
    });
    for (let i = 0; i < 3; i += 1) {
      await page.waitForTimeout(1_200);
      await scroller.screenshot({
        path: path.join(artifacts, `log-follow-fast-${i}.png`),
      });
    }
    const { frames, blank } = await recording;
    const rate = ((await lineTotal()) - before) / ((Date.now() - started) / 1000);
    console.log(`following at ~${Math.round(rate)} lines/s: ${frames} frames, ${blank.length} blank`);
    // A loaded 2-core machine paints few frames; each one counts.
    expect(frames).toBeGreaterThan(10);
    expect(rate).toBeGreaterThan(3_000);
    expect(blank).toEqual([]);

    // Search covers the whole stored log, not only the lines in memory, and jumps to the match.
    await page.getByRole("textbox", { name: "Search the log" }).fill("fast 12345");
    await expect(page.getByTestId("log-match-count")).toHaveText("1/1");
    const hit = scroller.locator('mark[data-highlight="active"]');
    await expect(hit).toHaveText("fast 12345");
    await expect(hit).toBeInViewport();
  });

  await test.step("cancel a running task", async () => {
    const sleeperUrl = await runAlgorithm(page, names.sleeper);
    const pk = taskPk(sleeperUrl);
    expect(sleeperUrl).toMatch(/\/tasks\/\d+$/);
    await expect(page.locator('[data-status="RUNNING"]').first()).toBeVisible({
      timeout: 120_000,
    });
    // The relay id is still accepted in a task's URL.
    await page.goto(`/tasks/${taskGlobalId(pk)}`);
    await expect(page.locator('[data-status="RUNNING"]').first()).toBeVisible();
    await page.goto("/tasks");
    const row = page.locator(`tr[data-task-id="${taskGlobalId(pk)}"]`);
    await expect(row.locator('[data-status="RUNNING"]')).toBeVisible();
    // Cancelling asks first; keeping it running changes nothing.
    await row.getByRole("button", { name: /Cancel task/ }).click();
    const confirm = page.getByRole("dialog", { name: `Cancel task #${pk}?` });
    await confirm.getByRole("button", { name: "Keep running" }).click();
    await expect(confirm).toBeHidden();
    await expect(row.locator('[data-status="RUNNING"]')).toBeVisible();
    await row.getByRole("button", { name: /Cancel task/ }).click();
    await confirm.getByRole("button", { name: "Cancel task", exact: true }).click();
    await expect(row.locator('[data-status="CANCELLED"]')).toBeVisible({
      timeout: 90_000,
    });
    await expect(page.locator('[data-status="SUCCEEDED"]').first()).toBeVisible();
    await screenshot(page, "tasks");

    // Filters live in the URL: a reload keeps them.
    await page.goto("/tasks?status=CANCELLED");
    await page.reload();
    const filtered = page.getByRole("table", { name: "Tasks" });
    await expect(filtered).toContainText(names.sleeper);
    await expect(filtered).not.toContainText(names.algorithm);
  });

  await test.step("search, sort and the URL; cancel several tasks at once, after confirming", async () => {
    const [first, second] = await startTasks(page, names.sleeper, 2);
    await page.goto("/tasks");
    const table = page.getByRole("table", { name: "Tasks" });
    await expect(table).toContainText(names.algorithm);
    // The search runs on the server (algorithm, image, dataset, failure reason, task number).
    await page.getByRole("textbox", { name: "Search" }).fill(names.sleeper);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${names.sleeper}`));
    await expect(table).not.toContainText(names.algorithm);
    await expect(table).not.toContainText(names.firehose);
    await expect(table.locator("tbody tr")).toHaveCount(3);
    // Headers sort through the API; the header says how (aria-sort); a second click turns it round.
    const header = (label: string) =>
      table.locator("th").filter({
        has: page.getByRole("button", { name: `Sort by ${label}` }),
      });
    const statusHeader = header("status");
    await expect(statusHeader).toHaveAttribute("aria-sort", "none");
    await expect(header("created")).toHaveAttribute("aria-sort", "descending");
    await table.getByRole("button", { name: "Sort by status" }).click();
    await expect(page).toHaveURL(/[?&]sort=status/);
    await expect(statusHeader).toHaveAttribute("aria-sort", "ascending");
    // CANCELLED sorts before QUEUED and RUNNING.
    await expect(table.locator("tbody tr").first().locator('[data-status="CANCELLED"]')).toBeVisible();
    await table.getByRole("button", { name: "Sort by status" }).click();
    await expect(page).toHaveURL(/[?&]sort=-status/);
    await expect(statusHeader).toHaveAttribute("aria-sort", "descending");
    await expect(table.locator("tbody tr").last().locator('[data-status="CANCELLED"]')).toBeVisible();
    // A reload (or a shared link) shows the same view.
    await page.reload();
    await expect(page.getByRole("textbox", { name: "Search" })).toHaveValue(names.sleeper);
    await expect(statusHeader).toHaveAttribute("aria-sort", "descending");
    await expect(table.locator("tbody tr")).toHaveCount(3);
    await expect(table).not.toContainText(names.algorithm);
    // A task number finds that task.
    await page.goto(`/tasks?q=%23${first ?? ""}`);
    await expect(table.locator("tbody tr")).toHaveCount(1);
    await expect(table.locator("tbody tr")).toContainText(`Task #${first ?? ""}`);

    // Cancel both new tasks in one go; the dialog asks first.
    await page.goto(`/tasks?q=${names.sleeper}&sort=-status`);
    for (const pk of [first, second]) {
      await table.getByRole("checkbox", { name: `Select task #${pk ?? ""}` }).check();
    }
    await page.getByRole("button", { name: "Cancel selected (2)" }).click();
    const confirm = page.getByRole("dialog", { name: "Cancel 2 tasks?" });
    await confirm.getByRole("button", { name: "Keep it" }).click();
    await expect(confirm).toBeHidden();
    await expect(table.locator('[data-status="CANCELLED"]')).toHaveCount(1);
    await page.getByRole("button", { name: "Cancel selected (2)" }).click();
    await screenshot(page, "tasks-bulk-cancel-confirm");
    await confirm.getByRole("button", { name: "Cancel 2 tasks" }).click();
    await expect(page.getByText("Cancelled 2 tasks.")).toBeVisible();
    await expect(table.locator('[data-status="CANCELLED"]')).toHaveCount(3, {
      timeout: 60_000,
    });
    await expect(table.getByRole("checkbox", { name: /Select task/ })).toHaveCount(0);
    await screenshot(page, "tasks-search-sort");
  });

  await test.step("phone width keeps the layout", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(taskUrl);
    await expect(page.getByTestId("log-scroller")).toContainText("line 30");
    await screenshot(page, "phone-task-detail");
    await page.goto("/tasks");
    // Phones get the tasks as cards rather than a wide table.
    const cards = page.getByRole("list", { name: "Tasks" });
    await expect(cards).toContainText(names.sleeper);
    await screenshot(page, "phone-tasks");

    // Issue 14: the cards sort from a menu and cancel several at once, as the table does.
    const [first, second] = await startTasks(page, names.sleeper, 2);
    await page.goto(`/tasks?q=${names.sleeper}`);
    const card = (pk: string | undefined) => cards.locator(`li[data-task-id="${taskGlobalId(pk ?? "")}"]`);
    await expect(card(first)).toBeVisible();
    await expect(card(second)).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Sort", exact: true })).toHaveValue("Created, newest first");
    await pick(page, "Sort", "Status, A to Z");
    await expect(page).toHaveURL(/[?&]sort=status/);
    // The three cancelled earlier sort before the queued or running ones.
    await expect(cards.locator("li").first().locator('[data-status="CANCELLED"]')).toBeVisible();
    await pick(page, "Sort", "Status, Z to A");
    await expect(page).toHaveURL(/[?&]sort=-status/);
    await expect(cards.locator("li").last().locator('[data-status="CANCELLED"]')).toBeVisible();
    // A reload keeps the order the menu chose.
    await page.reload();
    await expect(page.getByRole("textbox", { name: "Sort", exact: true })).toHaveValue("Status, Z to A");

    await expect(cards.getByRole("checkbox", { name: /Select task/ })).toHaveCount(2);
    for (const pk of [first, second]) {
      await cards.getByRole("checkbox", { name: `Select task #${pk ?? ""}` }).check();
    }
    await page.getByRole("button", { name: "Cancel selected (2)" }).click();
    const confirm = page.getByRole("dialog", { name: "Cancel 2 tasks?" });
    await confirm.getByRole("button", { name: "Keep it" }).click();
    await expect(confirm).toBeHidden();
    await expect(cards.locator('[data-status="CANCELLED"]')).toHaveCount(3);
    await page.getByRole("button", { name: "Cancel selected (2)" }).click();
    await screenshot(page, "phone-tasks-bulk-cancel-confirm");
    await confirm.getByRole("button", { name: "Cancel 2 tasks" }).click();
    await expect(page.getByText("Cancelled 2 tasks.")).toBeVisible();
    await expect(cards.locator('[data-status="CANCELLED"]')).toHaveCount(5, { timeout: 60_000 });
    await expect(cards.getByRole("checkbox", { name: /Select task/ })).toHaveCount(0);
    await screenshot(page, "phone-tasks-sort-cancel");
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  await test.step("300 live state changes: the tasks list keeps up and never freezes", async () => {
    await page.goto("/tasks");
    await expect(page.getByRole("table", { name: "Tasks" })).toContainText(names.sleeper);
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { longTasks: number[] }).longTasks = seen;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) seen.push(entry.duration);
      }).observe({ type: "longtask" });
    });
    // 150 tasks become QUEUED, then 150 are CANCELLED (two requests, at most 100 ids each): 300 changes.
    const started = Date.now();
    const pks = await startTasks(page, names.bulk, 150);
    for (let i = 0; i < pks.length; i += 100) {
      const result = await graphql<{
        cancelTasks: { cancelledCount?: number };
      }>(
        page,
        `
          mutation ($ids: [ID!]!) {
            cancelTasks(ids: $ids) {
              ... on CancelTasksResult {
                cancelledCount
              }
            }
          }
        `,
        { ids: pks.slice(i, i + 100) },
      );
      expect(result.cancelTasks.cancelledCount).toBe(Math.min(100, pks.length - i));
    }
    const newest = page.locator(`tr[data-task-id="${taskGlobalId(pks[pks.length - 1] ?? "")}"]`);
    await expect(newest.locator('[data-status="CANCELLED"]')).toBeVisible({
      timeout: 60_000,
    });
    await page.waitForTimeout(2_000); // the last events' renders
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    console.log(
      `300 state changes in ${String(Date.now() - started)} ms: ${String(longTasks.length)} long tasks, ` +
        `longest ${String(Math.round(Math.max(0, ...longTasks)))} ms`,
    );
    writeFileSync(
      path.join(artifacts, "tasks-long-tasks.json"),
      JSON.stringify({ stateChanges: 300, milliseconds: Date.now() - started, longTasks }),
    );
    await expect(page.getByRole("table", { name: "Tasks" }).locator("tbody tr")).toHaveCount(25);
    await screenshot(page, "tasks-after-300-changes");
    // Issue 14's target (no long task over 100 ms) is measured by bench B9 (`make bench`) on a machine
    // that runs nothing else; here the browser shares 2 cores with the stack and every other test, so
    // this only catches a page that freezes (the list's old costs were 380-550 ms on a quiet machine,
    // and several seconds under load). The artifact keeps every long task.
    expect.soft(Math.max(0, ...longTasks)).toBeLessThan(1_000);
  });

  await test.step("another user sees none of it", async () => {
    await signOut(page);
    await signIn(page, otherUser);
    await page.goto("/images");
    await expect(page.getByText("No images yet")).toBeVisible();
    await page.goto("/algorithms");
    await expect(page.getByText("No algorithms yet")).toBeVisible();
    await page.goto("/datasets");
    await expect(page.getByText("No datasets yet")).toBeVisible();
    await page.goto("/tasks");
    await expect(page.getByText("No tasks yet")).toBeVisible();
    await page.goto(taskUrl);
    await expect(page.getByText("Task not found")).toBeVisible();
    await expect(page.getByText(names.algorithm)).toHaveCount(0);
  });

  expect(consoleErrors).toEqual([]);
});
