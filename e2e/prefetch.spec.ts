import { expect, test } from "@playwright/test";

// A results page carries forty links or more; none is fetched ahead until the reader reaches for
// it (components/ui/link.tsx). Then the one reached for is, and the click navigates in the page.
test("links prefetch when reached for, not on sight, and still navigate without a reload", async ({ page }) => {
  const prefetched: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.searchParams.has("_rsc")) prefetched.push(url.pathname + url.search);
  });
  await page.goto("/search?q=Choe+Yong-geon");
  const first = page.getByRole("list", { name: "Documents" }).getByRole("link").first();
  await expect(first).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(prefetched).toEqual([]);

  const href = (await first.getAttribute("href"))!;
  await first.hover();
  await expect.poll(() => prefetched.some((p) => p.startsWith(href.split("?")[0]!))).toBe(true);

  // Client-side navigation: the document is not reloaded (a marker set on window survives).
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await first.click();
  await expect(page).toHaveURL(new RegExp(href.split("?")[0]!));
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});
