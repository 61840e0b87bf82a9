// The browser half of .ci/browser.sh: loads the sample site's pages in Debian's Chromium through playwright-core and
// prints one line per check, then "browser: N passed, M failed". Usage: node browser.cjs BASE_URL SHOT_DIR
"use strict";
const path = require("path");
const { chromium } = require("playwright-core");

const [base, shots] = process.argv.slice(2);
const WIDTHS = [{ width: 1280, height: 900 }, { width: 390, height: 844 }];
// Debian's browser, never one that Playwright would download; a fresh profile per launch (Playwright's own temp dir)
const LAUNCH = {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};
// a 1×1 PNG for images on other hosts: the test reaches nothing but 127.0.0.1
const PIXEL = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==",
  "base64");

let passed = 0;
let failed = 0;
function check(page, width, name, ok, detail) {
  ok ? passed++ : failed++;
  console.log(`  ${page.padEnd(10)} ${String(width).padEnd(5)} ${name.padEnd(12)} ${ok ? "OK  " : "FAIL"} ${detail || ""}`);
}

/** Other hosts get a pixel (the sample site needs none); everything of the site, pictures too, comes from the server. */
async function route(context) {
  // an element that is not there fails its check in seconds, not after Playwright's 30 s
  context.setDefaultTimeout(5000);
  await context.route("**/*", async (r) => {
    const url = new URL(r.request().url());
    if (url.origin !== new URL(base).origin) {
      return r.fulfill({ status: 200, contentType: "image/png", body: PIXEL });
    }
    return r.continue();
  });
}

/** The platform fonts Chromium drew an element's text with, and their glyph counts (DevTools protocol). */
async function fontsOf(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
    if (!nodeId) {
      return [];
    }
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
    return fonts;
  } finally {
    await cdp.detach();
  }
}

async function visit(browser, name, url, viewport, expectStatus, extra) {
  const context = await browser.newContext({ viewport, permissions: ["clipboard-read", "clipboard-write"] });
  await route(context);
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => {
    // a missing page's own 404 is what it is meant to answer, not an error of the page
    const missingItself = expectStatus === 404 && m.location().url === url && /status of 404/.test(m.text());
    if (m.type() === "error" && !missingItself) {
      errors.push(m.text());
    }
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation",
      (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const w = viewport.width;
  try {
    const response = await page.goto(url, { waitUntil: "load" });
    check(name, w, "status", response.status() === expectStatus, `${response.status()} ${url}`);
    const csp = response.headers()["content-security-policy"] || "";
    check(name, w, "csp", csp.includes("default-src 'none'") && !csp.includes("unsafe-inline"), csp.slice(0, 60));
    await page.evaluate(() => document.fonts.ready);
    const { scroll, inner } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    check(name, w, "overflow", scroll <= inner, `scrollWidth ${scroll}, window ${inner}`);
    const fonts = await fontsOf(page, "h1");
    const noto = fonts.filter((f) => /Noto Sans Devanagari/.test(f.familyName));
    const others = fonts.filter((f) => !/Noto Sans/.test(f.familyName));
    check(name, w, "devanagari", noto.length > 0 && noto[0].glyphCount > 0 && others.length === 0,
      fonts.map((f) => `${f.familyName}×${f.glyphCount}`).join(", ") + " for the h1");
    if (extra) {
      await extra(page, w);
    }
    const violations = await page.evaluate(() => window.__violations);
    check(name, w, "no errors", errors.length === 0 && violations.length === 0,
      [...errors, ...violations.map((v) => "CSP " + v)].join(" | ").slice(0, 300));
    const file = path.join(shots, `${name.replace(/ /g, "-")}-${w}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`  screenshot ${file}`);
  } catch (e) {
    check(name, w, "load", false, String(e).split("\n")[0]);
  } finally {
    await context.close();
  }
}

/** On a feed page with JavaScript: the button shows, copies the address and says so. */
async function copies(page, w) {
  const button = page.locator("button[data-copy=url-rss]");
  const address = await page.inputValue("#url-rss");
  check("feed page", w, "copy shown", await button.isVisible(), await button.textContent());
  await button.click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  check("feed page", w, "copies", copied === address, `clipboard: ${copied}`);
  const said = await button.textContent();
  check("feed page", w, "says so", said === "कॉपी हो गया", said);
}

/** The same page without JavaScript: the addresses are there to select, and no button that does nothing. */
async function withoutScript(browser, url, viewport) {
  const context = await browser.newContext({ viewport, javaScriptEnabled: false });
  await route(context);
  const page = await context.newPage();
  const w = viewport.width;
  try {
    await page.goto(url, { waitUntil: "load" });
    const field = page.locator("#url-atom");
    const value = await field.inputValue();
    check("no script", w, "address", await field.isVisible() && value.endsWith("/feeds/desh.atom"), value);
    check("no script", w, "no button", !(await page.locator("button[data-copy]").first().isVisible()), "hidden");
    const { scroll, inner } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    check("no script", w, "overflow", scroll <= inner, `scrollWidth ${scroll}, window ${inner}`);
    const file = path.join(shots, `feed-page-noscript-${w}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`  screenshot ${file}`);
  } finally {
    await context.close();
  }
}

/** The article page should show its picture: loaded under the page's Content-Security-Policy. */
async function pictured(page, w) {
  const img = page.locator("article figure img").first();
  await img.scrollIntoViewIfNeeded();
  const ok = await img.evaluate((i) => i.complete && i.naturalWidth > 0);
  check("article", w, "image", ok, await img.getAttribute("src"));
}

(async () => {
  const browser = await chromium.launch(LAUNCH);
  try {
    const index = await (await fetch(base + "/")).text();
    // polls for /stats to show: an aggregator stating its subscribers, and a reader, on two feeds
    for (const feed of ["/feeds/all.rss", "/feeds/desh.atom"]) {
      await fetch(base + feed, { headers: { "User-Agent": "Feedly/1.0 (+http://www.feedly.com/fetcher.html; "
        + "1234 subscribers; feed-id=pravah-browser-check)" } });
      await fetch(base + feed, { headers: { "User-Agent": "newsboat/2.30" } });
    }
    // the story with a picture at a path on the site, /images/sethani-bawdi.png
    const article = (index.match(/href="([^"]*\/articles\/[^"]*sethani-bawdi)"/) || [])[1];
    if (!article) {
      check("article", 0, "found", false, "no link to the sethani-bawdi article on /");
    }
    const pages = [
      ["index", base + "/", 200, null],
      ["feed page", base + "/feeds/desh", 200, copies],
      ["article", article, 200, pictured],
      ["status", base + "/status", 200, null],
      ["stats", base + "/stats", 200, null],
      ["missing", base + "/yah-pata-nahin-hai", 404, null],
    ].filter(([, url]) => url);
    for (const viewport of WIDTHS) {
      for (const [name, url, status, extra] of pages) {
        await visit(browser, name, url, viewport, status, extra);
      }
      await withoutScript(browser, base + "/feeds/desh", viewport);
    }
  } finally {
    await browser.close();
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
})().catch((e) => {
  console.error("browser: " + (e && e.stack || e));
  process.exit(2);
});
