package lodestone.server;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web application's accessibility, in a real browser, on every page at 1366 and 390 px: an audit of our own run in
 * the page (every control, progress bar and link named; every chart, SVG and canvas with a text alternative; every table
 * with header cells that have a scope; no duplicate or dangling ids; one h1 a view and no skipped heading level; the
 * landmarks and the language; a marked field described by its note; the contrast of every piece of text against what is
 * behind it at least 4.5:1, or 3:1 for large text); the title following the view; and from the keyboard alone: every page
 * walked with Tab to its end (each stop's focus seen, no trap), the skip link, the menu (Escape closes it), the Assess
 * form filled and sent, the revoke question answered with Escape, the focus put on the new page's heading; results and
 * the end of long runs said in the status region.
 */
class WebAppAccessibilityBrowserTest extends BrowserPageTest {

    /** Helpers of the checks, kept on window.__a11y (defined once a page). */
    static final String HELPERS = """
            () => {
              if (window.__a11y) return;
              const parse = c => {
                const m = String(c).match(/rgba?\\(([^)]+)\\)/);
                if (!m) return null;
                const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
                return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
              };
              const over = (fg, bg) => ({ r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a), a: 1 });
              // the opaque colour behind an element: its own and its ancestors' backgrounds laid over white (null: an image)
              const background = el => {
                const layers = [];
                for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
                  const s = getComputedStyle(e);
                  if (s.backgroundImage && s.backgroundImage !== 'none') return null;
                  const c = parse(s.backgroundColor);
                  if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
                }
                let bg = { r: 255, g: 255, b: 255, a: 1 };
                for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
                return bg;
              };
              const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
              const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
              const rgb = c => `rgb(${Math.round(c.r)}, ${Math.round(c.g)}, ${Math.round(c.b)})`;
              const describe = el => {
                let s = el.tagName.toLowerCase();
                if (el.id) s += '#' + el.id;
                if (el.getAttribute('name')) s += '[name=' + el.getAttribute('name') + ']';
                if (el.getAttribute('data-testid')) s += '[data-testid=' + el.getAttribute('data-testid') + ']';
                if (typeof el.className === 'string' && el.className.trim()) s += '.' + el.className.trim().split(/\\s+/).join('.');
                const t = (el.textContent || '').replace(/\\s+/g, ' ').trim();
                return t ? s + ' "' + t.slice(0, 50) + '"' : s;
              };
              // the text an element gives a name: hidden parts and embedded fields left out (a textarea's content is not its label)
              const text = (node, skip) => {
                let out = '';
                for (const n of node.childNodes) {
                  if (n === skip) continue;
                  if (n.nodeType === 3) out += n.textContent;
                  else if (n.nodeType === 1) {
                    if (n.getAttribute('aria-hidden') === 'true' || n.hidden) continue;
                    if (n.matches('input, select, textarea, progress, meter')) continue;
                    if (n.getAttribute('aria-label')) { out += ' ' + n.getAttribute('aria-label') + ' '; continue; }
                    out += ' ' + text(n, skip) + ' ';
                  }
                }
                return out.replace(/\\s+/g, ' ').trim();
              };
              const byIds = ids => ids.trim().split(/\\s+/).map(id => document.getElementById(id)).filter(Boolean)
                .map(e => e.getAttribute('aria-label') || text(e)).join(' ').trim();
              // a simplified accessible name (aria-labelledby, aria-label, label, content, title); a placeholder is not a name
              const nameOf = el => {
                const lb = el.getAttribute('aria-labelledby');
                if (lb && byIds(lb)) return byIds(lb);
                const al = (el.getAttribute('aria-label') || '').trim();
                if (al) return al;
                if (el.matches('input[type=submit], input[type=button], input[type=reset]')) return (el.value || '').trim();
                if (el.matches('input, select, textarea, progress, meter')) {
                  const t = [...(el.labels || [])].map(l => text(l, el)).join(' ').trim();
                  if (t) return t;
                } else if (el.matches('img')) {
                  return (el.getAttribute('alt') || '').trim();
                } else {
                  const t = text(el);
                  if (t) return t;
                }
                return (el.getAttribute('title') || '').trim();
              };
              const hiddenFromAll = el => !!el.closest('[aria-hidden="true"], [hidden], [inert]');
              window.__a11y = { parse, over, background, ratio, rgb, describe, text, nameOf, hiddenFromAll };
            }""";

    /** Every problem the audit finds on the page as it is (an empty list: none). */
    static final String AUDIT = """
            () => {
              const { parse, over, background, ratio, rgb, describe, text, nameOf, hiddenFromAll } = window.__a11y;
              const problems = [];
              const say = (what, el) => problems.push(what + ': ' + describe(el));
              const all = sel => [...document.querySelectorAll(sel)];

              // the document: its language, one main, a nav, one h1 in main, headings without a skipped level
              if (!document.documentElement.lang) problems.push('no language on <html>');
              if (all('main, [role=main]').length !== 1) problems.push(all('main, [role=main]').length + ' main landmarks');
              if (!all('nav, [role=navigation]').length) problems.push('no nav landmark');
              const headings = all('h1, h2, h3, h4, h5, h6').filter(h => !hiddenFromAll(h));
              const h1s = headings.filter(h => h.tagName === 'H1');
              if (h1s.length !== 1) problems.push(h1s.length + ' h1 elements: ' + h1s.map(describe).join(', '));
              let level = 0;
              for (const h of headings) {
                const l = Number(h.tagName[1]);
                if (l > level + 1) say('h' + l + ' after h' + level + ' (a level skipped)', h);
                level = l;
              }

              // every control named; a role=button reachable by Tab
              const controls = all('input:not([type=hidden]), select, textarea, button, progress, meter, a[href], summary, '
                + '[role=button], [role=link], [role=checkbox], [role=tab], [role=menuitem], [tabindex]:not([tabindex="-1"])');
              for (const c of controls) {
                if (hiddenFromAll(c)) continue;
                if (!nameOf(c)) say('no accessible name', c);
                if (c.matches('[role=button], [role=link]') && !c.matches('a[href], button') && !(c.tabIndex >= 0)) say('not reachable by Tab', c);
              }
              // images, SVG, canvases and charts: a text alternative (or hidden as decoration)
              for (const i of all('img')) if (!i.hasAttribute('alt') && !hiddenFromAll(i)) say('img without alt', i);
              for (const s of all('svg')) {
                if (hiddenFromAll(s) || s.parentElement.closest('svg')) continue;
                const named = (s.getAttribute('role') === 'img' && (nameOf(s) || s.querySelector(':scope > title')));
                if (!named && !s.closest('[role=img][aria-label], button, a[href]')) say('svg without role=img and a name', s);
              }
              for (const c of all('canvas')) {
                if (hiddenFromAll(c)) continue;
                const holder = c.closest('[role=img]');
                if (!holder || !nameOf(holder)) say('canvas (a chart) without a text alternative', c.closest('[_echarts_instance_]') || c);
              }
              for (const c of all('[_echarts_instance_]')) {
                if (c.getAttribute('role') !== 'img' || !(c.getAttribute('aria-label') || '').trim()) say('chart without role=img and aria-label', c);
              }
              // tables: header cells, each with a scope and a name
              for (const t of all('table')) {
                if (['presentation', 'none'].includes(t.getAttribute('role'))) continue;
                const ths = [...t.querySelectorAll('th')];
                if (!ths.length) say('table without header cells', t);
                for (const th of ths) {
                  if (!['col', 'row', 'colgroup', 'rowgroup'].includes(th.getAttribute('scope'))) say('th without scope', th);
                  if (!nameOf(th)) say('empty th', th.closest('table'));
                }
              }
              // ids: unique, and every reference to one resolves
              const seen = new Map();
              for (const e of all('[id]')) seen.set(e.id, (seen.get(e.id) || 0) + 1);
              for (const [id, n] of seen) if (n > 1) problems.push('id "' + id + '" used ' + n + ' times');
              for (const e of all('[aria-describedby], [aria-labelledby], [aria-controls], label[for]')) {
                for (const a of ['aria-describedby', 'aria-labelledby', 'aria-controls', 'for']) {
                  const v = e.getAttribute(a);
                  if (v && v.trim().split(/\\s+/).some(id => !document.getElementById(id))) say(a + ' names a missing id "' + v + '"', e);
                }
              }
              // a field marked invalid is described by its note
              for (const e of all('[aria-invalid="true"]')) {
                const d = e.getAttribute('aria-describedby');
                if (!d || !d.trim().split(/\\s+/).map(id => document.getElementById(id)).some(n => n && n.textContent.trim())) say('marked invalid without a note', e);
              }

              // contrast of every visible piece of text (SVG text by its fill; placeholders too)
              const large = s => parseFloat(s.fontSize) >= 24 || (parseFloat(s.fontSize) >= 18.66 && Number(s.fontWeight) >= 700);
              const opacity = el => { let o = 1; for (let e = el; e && e.nodeType === 1; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o; };
              const check = (el, colour, what) => {
                const s = getComputedStyle(el);
                const fg = parse(colour), bg = background(el);
                if (!fg || !bg) return;
                fg.a *= opacity(el);
                const r = ratio(over(fg, bg), bg), need = large(s) ? 3 : 4.5;
                if (r < need - 0.005) problems.push(`contrast ${r.toFixed(2)}:1 (needs ${need}) of ${what} ${rgb(over(fg, bg))} on ${rgb(bg)}: ${describe(el)}`);
              };
              const texts = new Set();
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent.trim() && n.parentElement) texts.add(n.parentElement);
              for (const el of texts) {
                if (el.closest('script, style, noscript, option, datalist, title, [_echarts_instance_]') || hiddenFromAll(el)) continue;
                if (el.closest(':disabled, [aria-disabled="true"]')) continue; // disabled controls are exempt
                if (!el.checkVisibility({ visibilityProperty: true })) continue;
                const box = el.getBoundingClientRect();
                if (box.width <= 1 || box.height <= 1) continue; // visually hidden text (read, not seen)
                check(el, el instanceof SVGElement ? getComputedStyle(el).fill : getComputedStyle(el).color, 'text');
              }
              for (const f of all('input[placeholder], textarea[placeholder]')) {
                if (f.value || f.disabled || !f.checkVisibility({ visibilityProperty: true })) continue;
                check(f, getComputedStyle(f, '::placeholder').color, 'the placeholder');
              }
              // a field's edge (or its own background) seen against what is around it: 3:1 (non-text contrast)
              for (const f of all('input:not([type=hidden]):not([type=file]), select, textarea')) {
                if (f.disabled || hiddenFromAll(f) || !f.checkVisibility({ visibilityProperty: true })) continue;
                const s = getComputedStyle(f), around = background(f.parentElement), own = background(f), edge = parse(s.borderTopColor);
                if (!around || !own) continue;
                const byEdge = parseFloat(s.borderTopWidth) > 0 && edge && edge.a > 0 ? ratio(over(edge, around), around) : 1;
                if (byEdge < 3 && ratio(own, around) < 3) problems.push(`a field's edge not seen: ${byEdge.toFixed(2)}:1 (needs 3) ${s.borderTopColor} on ${rgb(around)}: ${describe(f)}`);
              }
              return problems;
            }""";

    /** Where the keyboard's focus is, and whether it is seen: an outline (the browser's own, or 2 px at 3:1 against what is around it). */
    static final String FOCUS = """
            () => {
              const { parse, background, ratio, describe } = window.__a11y;
              const e = document.activeElement;
              if (!e || e === document.body) return { where: 'body', seen: true, end: false };
              const s = getComputedStyle(e);
              const w = parseFloat(s.outlineWidth) || 0;
              let seen = false;
              if (s.outlineStyle === 'auto' && w > 0) seen = true;
              else if (s.outlineStyle !== 'none' && w >= 2) {
                const c = parse(s.outlineColor), bg = background(Number(s.outlineOffset.replace('px', '')) >= 0 ? e.parentElement : e);
                seen = !!c && !!bg && c.a > 0 && ratio(c, bg) >= 3;
              }
              if (!seen && s.boxShadow && s.boxShadow !== 'none') seen = true;
              return { where: describe(e), seen, outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, end: !!e.closest('footer') };
            }""";

    /** The page's problems, each prefixed with where it was found. */
    @SuppressWarnings("unchecked")
    private List<String> audit(String where) {
        page.waitForTimeout(300); // a chart's first frame, a last answer drawn
        page.evaluate(HELPERS);
        List<String> found = (List<String>) page.evaluate(AUDIT);
        List<String> out = new ArrayList<>();
        for (String f : found) out.add(where + ": " + f);
        return out;
    }

    /** The page walked with Tab from its top to the footer: each stop's focus seen, no stop held (a trap), the end reached. */
    @SuppressWarnings("unchecked")
    private List<String> tabWalk(String where) {
        page.evaluate(HELPERS);
        fromTheTop();
        List<String> out = new ArrayList<>();
        String last = null;
        int same = 0;
        for (int i = 0; i < 600; i++) {
            page.keyboard().press("Tab");
            Map<String, Object> f = (Map<String, Object>) page.evaluate(FOCUS);
            String at = (String) f.get("where");
            if (!(Boolean) f.get("seen")) out.add(where + ": focus not seen on " + at + " (outline " + f.get("outline") + ")");
            if (Boolean.TRUE.equals(f.get("end"))) return out;
            if (i > 0 && at.equals("body")) { out.add(where + ": focus lost (on the body) after " + last); return out; }
            same = at.equals(last) ? same + 1 : 0;
            if (same > 4) { out.add(where + ": focus held on " + at); return out; } // a date field's three parts are three stops
            last = at;
        }
        out.add(where + ": the footer not reached with 600 presses of Tab (last at " + last + ")");
        return out;
    }

    private String status() {
        return page.locator("#status").textContent();
    }

    /** Every page, in its first state and with its results drawn, audited at a width; its title checked; at 1366 each walked with Tab. */
    private List<String> auditEveryPage(int width) {
        List<String> problems = new ArrayList<>();
        boolean wide = width > 1000;
        int height = wide ? 900 : 844;

        blank(width, height, true).navigate(s.url() + "/");
        assertThat(page.locator("#signin")).isVisible();
        problems.addAll(audit("sign-in"));
        if (!page.title().equals("Sign in — Lodestone")) problems.add("sign-in: the title is \"" + page.title() + "\"");
        page.close();

        open(width, height);
        Map<String, Runnable> pages = new LinkedHashMap<>();
        pages.put("assess", () -> assertThat(page.locator("#assess-form")).isVisible());
        pages.put("bulk", () -> assertThat(page.getByTestId("bulk-file")).isVisible());
        pages.put("regime", () -> {
            assertThat(page.locator("#tree li").first()).isVisible();
            assertThat(page.getByTestId("diff")).isVisible();
            assertThat(page.locator("#agreements details").first()).isVisible();
        });
        pages.put("origin", () -> assertThat(page.getByTestId("bom-text")).isVisible());
        pages.put("minerals", () -> {
            assertThat(page.getByTestId("minerals-table")).isVisible();
            assertThat(page.getByTestId("group-members")).isVisible();
        });
        pages.put("scenarios", () -> {
            assertThat(page.locator("#sc-form")).isVisible();
            assertThat(page.getByTestId("path-pick")).isVisible();
        });
        pages.put("projects", () -> {
            assertThat(page.getByTestId("projects-table")).isVisible();
            assertThat(page.getByTestId("projects-map").locator("canvas").first()).isVisible();
        });
        pages.put("stockpiles", () -> assertThat(page.getByTestId("position")).isVisible());
        pages.put("exposure", () -> assertThat(page.locator("textarea[name=company]")).isVisible());
        pages.put("history", () -> assertThat(page.locator("#hist-filter")).isVisible());
        pages.put("tokens", () -> assertThat(page.getByTestId("tokens")).isVisible());
        Map<String, String> titles = Map.ofEntries(Map.entry("assess", "Assess"), Map.entry("bulk", "Bulk"), Map.entry("regime", "Regime"),
                Map.entry("origin", "Origin"), Map.entry("minerals", "Minerals"), Map.entry("scenarios", "Scenarios"),
                Map.entry("projects", "Projects"), Map.entry("stockpiles", "Stockpiles"), Map.entry("exposure", "Exposure"),
                Map.entry("history", "History"), Map.entry("tokens", "Tokens"));
        for (var p : pages.entrySet()) {
            page.navigate(s.url() + "/#" + p.getKey());
            p.getValue().run();
            String where = "#" + p.getKey() + " at " + width;
            problems.addAll(audit(where));
            String title = titles.get(p.getKey()) + " — Lodestone";
            if (!page.title().equals(title)) problems.add(where + ": the title is \"" + page.title() + "\", not \"" + title + "\"");
            if (wide) problems.addAll(tabWalk(where));
        }

        // with their results drawn
        page.navigate(s.url() + "/#assess");
        page.getByTestId("hts").fill("2846.90.80");
        page.getByTestId("origin").fill("CN");
        page.getByTestId("value").fill("10000");
        page.locator("#assess-form [name=quantity]").fill("100");
        page.locator("#assess-form [name=unit]").fill("kg");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("assessment")).isVisible();
        page.getByTestId("whatif-run").click();
        assertThat(page.getByTestId("whatif-difference")).isVisible();
        page.getByTestId("more-fields").locator("summary").click(); // currency, loaded date, importer, export country
        assertThat(page.getByTestId("currency")).isVisible();
        problems.addAll(audit("#assess with a result and More fields open at " + width));

        byte[] sample = s.get("/api/bulk-sample?lines=20", s.admin).body().getBytes(StandardCharsets.UTF_8);
        page.navigate(s.url() + "/#bulk");
        page.getByTestId("bulk-file").setInputFiles(new FilePayload("a11y.csv", "text/csv", sample));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("download-results")).isVisible();
        assertThat(page.getByTestId("totals-measure")).isVisible(); // the job's totals tables audited too
        page.locator("#cmp-card summary").click();
        page.getByTestId("cmp-file").setInputFiles(new FilePayload("a11y.csv", "text/csv", sample));
        page.getByTestId("cmp-run").click();
        assertThat(page.getByTestId("cmp-summary")).isVisible();
        problems.addAll(audit("#bulk with a job and a comparison at " + width));

        page.navigate(s.url() + "/#regime/2846.90.80");
        assertThat(page.getByTestId("timeline")).isVisible();
        problems.addAll(audit("#regime with a code at " + width));

        // the schedule's search: its results in the tree's place, one of them opened
        page.navigate(s.url() + "/#regime/search/cobalt");
        assertThat(page.getByTestId("search-count")).containsText("results for 'cobalt'");
        page.getByTestId("search-results").locator("a").first().click();
        assertThat(page.getByTestId("code-view")).isVisible();
        problems.addAll(audit("#regime with a search at " + width));

        page.navigate(s.url() + "/#minerals/rare-earths");
        assertThat(page.getByTestId("content-bases")).isVisible();
        assertThat(page.getByTestId("group-members")).isVisible();
        problems.addAll(audit("#minerals with a value chain and a group at " + width));

        page.navigate(s.url() + "/#origin");
        page.getByTestId("bom-check").click();
        assertThat(page.getByTestId("origin-verdict")).isVisible();
        problems.addAll(audit("#origin with a verdict at " + width));

        runScenarioAt(width, "ndpr-floor-110");
        page.getByTestId("path-run").click();
        assertThat(page.getByTestId("path-expectations")).isVisible();
        page.getByTestId("mc-draws").fill("20");
        page.getByTestId("mc-run").click();
        assertThat(page.getByTestId("mc-fan")).isVisible();
        page.locator("#lcp-card summary").click();
        page.getByTestId("lcp-solve").click();
        assertThat(page.getByTestId("lcp-result")).containsText("Solved");
        problems.addAll(audit("#scenarios with a run, a path and a fan at " + width));
        page.getByTestId("tornado-run").click();
        assertThat(page.getByTestId("tornado")).isVisible();
        problems.addAll(audit("#scenarios with a tornado at " + width));

        page.navigate(s.url() + "/#projects");
        page.getByTestId("value-paths").fill("500");
        page.getByTestId("value-run").click();
        assertThat(page.getByTestId("npv-histogram").locator("canvas").first()).isVisible();
        page.getByTestId("floor-run").click();
        assertThat(page.getByTestId("floor-table")).isVisible();
        page.getByTestId("rank-run").click();
        assertThat(page.getByTestId("rank-table")).isVisible();
        problems.addAll(audit("#projects with a valuation, floors and a ranking at " + width));
        page.navigate(s.url() + "/#projects/arafura-nolans");
        assertThat(page.getByTestId("screening-checks")).isVisible();
        problems.addAll(audit("#projects/arafura-nolans with its screening at " + width));
        if (wide) problems.addAll(tabWalk("#projects/arafura-nolans at " + width));

        page.navigate(s.url() + "/#stockpiles");
        page.getByText("Compute cover").click();
        assertThat(page.getByTestId("cover-table")).isVisible();
        page.getByText("Run the release").click();
        assertThat(page.getByTestId("release-cost")).isVisible();
        problems.addAll(audit("#stockpiles with cover and a release at " + width));

        page.navigate(s.url() + "/#exposure");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Evaluate").setExact(true)).click(); // (the own-market hint says "evaluated")
        assertThat(page.getByTestId("lines")).isVisible();
        problems.addAll(audit("#exposure with a result at " + width));

        page.navigate(s.url() + "/#history");
        assertThat(page.getByTestId("history")).isVisible();
        problems.addAll(audit("#history with runs at " + width));
        page.getByTestId("history").locator("a[href*='#history/whatif/']").first().click();
        assertThat(page.getByTestId("whatif")).isVisible();
        problems.addAll(audit("#history/whatif at " + width));

        page.navigate(s.url() + "/#tokens");
        page.locator("#tok-form [name=name]").fill("a11y robot " + width);
        page.getByTestId("make-token").click();
        assertThat(page.getByTestId("secret")).isVisible();
        page.locator("[data-revoke][data-name='a11y robot " + width + "']").click();
        assertThat(page.getByTestId("confirm-revoke")).isVisible();
        problems.addAll(audit("#tokens with a new secret and a question at " + width));
        return problems;
    }

    @Test
    void theAuditFindsWhatItLooksFor() {
        // the checks checked: a page given one defect of each kind, each found
        open(1366, 900);
        page.navigate(s.url() + "/#history"); // its last heading: the ledger verification's h2
        assertThat(page.locator("#hist-filter")).isVisible();
        page.evaluate("""
                () => {
                  const m = document.querySelector('#main');
                  m.insertAdjacentHTML('beforeend', '<h4>skipped</h4><button></button><input name="unlabelled"><p style="color:#aaa">faint</p>'
                    + '<input name="pale" aria-label="pale" placeholder="pale hint" style="color:#1d2330">'
                    + '<table><tr><td>no header</td></tr></table><table><tr><th>no scope</th></tr></table><span id="twice"></span><span id="twice"></span>'
                    + '<svg width="10" height="10"></svg><div><canvas width="10" height="10"></canvas></div><progress></progress>'
                    + '<span role="button">not reachable</span><input name="bad" aria-label="bad" aria-invalid="true">'
                    + '<input name="faint-edge" aria-label="faint edge" style="border: 1px solid #d9dde5; background: #fff">');
                  const sheet = [...document.styleSheets].find(x => x.href && x.href.endsWith('/style.css'));
                  sheet.insertRule('input[name=pale]::placeholder { color: #bbb; }', sheet.cssRules.length);
                }""");
        String found = String.join("\n", audit("planted"));
        assertThat(found).contains("h4 after h2 (a level skipped)", "no accessible name: button", "no accessible name: input[name=unlabelled]",
                "no accessible name: progress", "contrast 2.17:1 (needs 4.5) of text rgb(170, 170, 170) on rgb(246, 247, 249): p \"faint\"",
                "contrast 1.92:1 (needs 4.5) of the placeholder", "table without header cells", "th without scope: th \"no scope\"",
                "id \"twice\" used 2 times", "svg without role=img and a name", "canvas (a chart) without a text alternative",
                "not reachable by Tab: span", "marked invalid without a note: input[name=bad]",
                "a field's edge not seen: 1.27:1 (needs 3) rgb(217, 221, 229) on rgb(246, 247, 249): input[name=faint-edge]");
    }

    @Test
    void everyPageAt1366HasNamedControlsTextAlternativesHeadedTablesReadableTextATitleAndAWayThroughByTab() {
        List<String> problems = auditEveryPage(1366);
        assertThat(problems).as("accessibility problems at 1366 px").isEmpty();
        assertThat(errors).isEmpty();
    }

    @Test
    void everyPageAt390HasNamedControlsTextAlternativesHeadedTablesReadableTextAndATitle() {
        List<String> problems = auditEveryPage(390);
        assertThat(problems).as("accessibility problems at 390 px").isEmpty();
        assertThat(errors).isEmpty();
    }

    /** The next Tab starts from the top of the document (as after a page's load), wherever the focus was. */
    private void fromTheTop() {
        page.evaluate("() => { const b = document.body; b.setAttribute('tabindex', '-1'); b.focus(); b.removeAttribute('tabindex'); window.scrollTo(0, 0); }");
    }

    /** Presses Tab until the focus is on the element (at most `max` presses). */
    private void tabTo(Locator target, int max) {
        for (int i = 0; i < max; i++) {
            page.keyboard().press("Tab");
            if ((Boolean) target.evaluate("e => e === document.activeElement")) return;
        }
        throw new AssertionError("not reached with " + max + " presses of Tab: " + target);
    }

    @Test
    void theAssessFormIsFilledAndSentFromTheKeyboardItsErrorsSeenAndItsResultSaid() {
        open(1366, 900);
        page.navigate(s.url() + "/#assess");
        assertThat(page.locator("#assess-form")).isVisible();
        fromTheTop();
        // the first stop is the skip link: it takes the focus past the menu, to the page's heading
        page.keyboard().press("Tab");
        Locator skip = page.locator("#skip");
        assertThat(skip).isFocused();
        assertThat(skip).isInViewport();
        page.keyboard().press("Enter");
        assertThat(page.locator("#main h1")).isFocused();
        page.keyboard().press("Tab");
        Locator hts = page.getByTestId("hts");
        assertThat(hts).isFocused();

        // sent empty: the first missing field keeps the focus, marked, described by its note, its focus seen
        page.keyboard().press("Enter");
        assertThat(hts).isFocused();
        assertThat(hts).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#" + hts.getAttribute("aria-describedby"))).hasText("HTS code: Please fill out this field.");
        page.evaluate(HELPERS);
        @SuppressWarnings("unchecked")
        Map<String, Object> focus = (Map<String, Object>) page.evaluate(FOCUS);
        assertThat((Boolean) focus.get("seen")).as("the focus on a marked field is seen: " + focus).isTrue();

        page.keyboard().type("2846.90.80");
        page.keyboard().press("Tab");
        page.keyboard().type("CN");
        tabTo(page.getByTestId("value"), 5); // past the date's three parts (today, as it is)
        page.keyboard().type("10000");
        page.keyboard().press("Tab");
        page.keyboard().type("100");
        page.keyboard().press("Tab");
        page.keyboard().type("kg");
        page.keyboard().press("Enter");
        assertThat(page.getByTestId("assessment")).isVisible();
        String duty = page.getByTestId("total-duty").innerText();
        assertThat(page.locator("#status")).hasAttribute("role", "status");
        String line = page.getByTestId("assessment").locator(".row.spread b").first().innerText();
        assertThat(page.locator("#status")).hasText("Assessed " + line + " from CN: total duty " + duty);
        assertThat(errors).isEmpty();
    }

    @Test
    void thePagesAreReachedFromTheKeyboardTheTitleFollowsAndTheFocusGoesToTheNewHeading() {
        open(1366, 900);
        page.navigate(s.url() + "/#assess");
        assertThat(page.locator("#assess-form")).isVisible();
        fromTheTop();
        Locator regime = page.locator("#nav a[data-page='regime']");
        tabTo(regime, 10);
        page.keyboard().press("Enter");
        assertThat(page.locator("#main h1")).hasText("Regime browser");
        assertThat(page).hasTitle("Regime — Lodestone");
        assertThat(page.locator("#main h1")).isFocused();
        assertThat(regime).hasAttribute("aria-current", "page");
        assertThat(page.locator("#nav a[data-page='assess']")).not().hasAttribute("aria-current", "page");

        // at 390 px the menu opens with Enter, closes with Escape (the focus back on its button), and a page is chosen in it
        page.setViewportSize(390, 844);
        page.navigate(s.url() + "/#history");
        assertThat(page.locator("#main h1")).hasText("History");
        fromTheTop();
        Locator menu = page.locator("#menu");
        tabTo(menu, 5);
        page.keyboard().press("Enter");
        assertThat(menu).hasAttribute("aria-expanded", "true");
        assertThat(page.locator("#nav")).isVisible();
        page.keyboard().press("Escape");
        assertThat(menu).hasAttribute("aria-expanded", "false");
        assertThat(page.locator("#nav")).isHidden();
        assertThat(menu).isFocused();
        page.keyboard().press("Enter");
        tabTo(page.locator("#nav a[data-page='bulk']"), 5);
        page.keyboard().press("Enter");
        assertThat(page.locator("#main h1")).hasText("Bulk assessment");
        assertThat(page.locator("#nav")).isHidden();
        assertThat(page).hasTitle("Bulk — Lodestone");
        assertThat(page.locator("#main h1")).isFocused();
        assertThat(errors).isEmpty();
    }

    @Test
    void theStockpilePickerKeepsTheFocusWhileTheArrowsGoThroughTheStockpiles() {
        // a second ledger, so that there is somewhere to go
        assertThat(s.post("/api/stockpiles/keyboard-fund/events", s.admin, Map.of("events", List.of(
                Map.of("date", "2027-01-01", "type", "funding", "source", "government", "amount", 5)))).status()).isEqualTo(201);
        open(1366, 900);
        page.navigate(s.url() + "/#stockpiles/project-vault");
        assertThat(page.getByTestId("position")).containsText("Project Vault");
        Locator pick = page.locator("select[name=stockpile]");
        pick.focus();
        boolean first = (Boolean) pick.evaluate("p => p.selectedIndex === 0");
        page.keyboard().press(first ? "ArrowDown" : "ArrowUp");
        assertThat(page.getByTestId("position")).containsText("keyboard-fund");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*#stockpiles/keyboard-fund$"));
        assertThat(page.locator("select[name=stockpile]")).isFocused();
        assertThat(page.locator("#status")).containsText("keyboard-fund: as of ");
        page.keyboard().press(first ? "ArrowUp" : "ArrowDown");
        assertThat(page.getByTestId("position")).containsText("Project Vault");
        assertThat(page.locator("select[name=stockpile]")).isFocused();
        assertThat(errors).isEmpty();
    }

    @Test
    void theRevokeQuestionClosesWithEscapeAndLongRunsAreSaidInTheStatusRegion() {
        open(1366, 900);
        page.navigate(s.url() + "/#tokens");
        page.locator("#tok-form [name=name]").fill("escape robot");
        page.locator("#tok-form [name=name]").press("Enter");
        assertThat(page.getByTestId("copy-secret")).isFocused();
        Locator revoke = page.locator("[data-revoke][data-name='escape robot']");
        revoke.focus();
        page.keyboard().press("Enter");
        assertThat(page.getByTestId("confirm-revoke").locator("[data-no]")).isFocused();
        page.keyboard().press("Escape"); // as Keep: nothing revoked, the focus back on the token's Revoke button
        assertThat(page.getByTestId("confirm-revoke")).hasCount(0);
        assertThat(page.locator("[data-revoke][data-name='escape robot']")).isFocused();
        assertThat(page.getByTestId("tokens").locator("tr", new Locator.LocatorOptions().setHasText("escape robot"))).containsText("active");

        // a bulk job: said when it is taken and when it is done (its progress bar named)
        byte[] sample = s.get("/api/bulk-sample?lines=20", s.admin).body().getBytes(StandardCharsets.UTF_8);
        page.navigate(s.url() + "/#bulk");
        page.getByTestId("bulk-file").setInputFiles(new FilePayload("said.csv", "text/csv", sample));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("download-results")).isVisible();
        String job = page.getByTestId("bulk-job").locator("b").first().innerText();
        String rejected = page.getByTestId("rejected").innerText();
        assertThat(page.locator("#status")).hasText(job + " done: " + page.getByTestId("lines-done").innerText() + " lines, " + rejected + " rejected");
        assertThat(page.getByTestId("progress")).hasAttribute("aria-label", job + " progress");

        // a scenario run: solved, with its welfare change
        runScenarioAt(1366, "ndpr-floor-110");
        assertThat(page.locator("#status")).hasText("Scenario ndpr-floor-110 solved: total welfare change " + page.getByTestId("welfare").innerText());
        // its charts are images with their data as text: ECharts' words, opening with the chart's name; the map its own summary
        assertThat(page.getByTestId("price-chart")).hasAttribute("role", "img");
        assertThat(page.getByTestId("price-chart").getAttribute("aria-label")).startsWith("Prices by region (").contains(": 2 series. baseline (");
        assertThat(page.getByTestId("map").getAttribute("aria-label")).startsWith("World map of the scenario: production (").contains("trade flows");
        // a Monte Carlo job: its progress bar named, its end said
        page.getByTestId("mc-draws").fill("20");
        page.getByTestId("mc-run").click();
        assertThat(page.getByTestId("mc-fan")).isVisible();
        assertThat(page.locator("#status")).hasText("Monte Carlo done: 20 draws of club_supply_share");
        // the History filter's count is said as it changes
        page.navigate(s.url() + "/#history");
        assertThat(page.locator("#hist-count")).hasAttribute("aria-live", "polite");
        assertThat(errors).isEmpty();
    }
}
