import type { Page } from 'playwright-core';

export interface LayoutReport {
  controls: number;
  problems: string[];
}

/** What the checks share inside the page; installed on window by the first of them, since each runs serialized. */
interface LayoutHelpers {
  name: (el: Element) => string;
  /** The scrolling panel that clips `el` inside `scope`, or null. */
  scroller: (el: Element, scope: Element) => Element | null;
  /** Whether two boxes overlap by more than half a pixel each way. */
  overlap: (a: DOMRect, b: DOMRect) => boolean;
  /** Whether a box lies (to half a pixel) outside the viewport; `across` checks left and right only. */
  outside: (r: DOMRect, across?: boolean) => boolean;
}

declare global {
  interface Window {
    layoutHelpers?: LayoutHelpers;
  }
}

function installHelpers(page: Page): Promise<void> {
  return page.evaluate(() => {
    window.layoutHelpers = {
      name: (el) => `${el.tagName.toLowerCase()}[${(el.textContent ?? '').trim().slice(0, 24) || el.getAttribute('aria-label') || '?'}]`,
      scroller: (el, scope) => {
        for (let p = el.parentElement; p && p !== scope.parentElement; p = p.parentElement) {
          const s = getComputedStyle(p);
          if (/(auto|scroll)/.test(s.overflowY) && p.scrollHeight > p.clientHeight) return p;
        }
        return null;
      },
      overlap: (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5,
      outside: (r, across = false) => r.left < -0.5 || r.right > window.innerWidth + 0.5 || (!across && (r.top < -0.5 || r.bottom > window.innerHeight + 0.5)),
    };
  });
}

/**
 * Every visible control of the topmost layer (the last open dialog, else the
 * page) must lie inside the viewport, be at least 44 px each way, show its whole
 * label, and not overlap another control. A control inside a scrolling panel
 * only has to be inside the viewport across; scrolled out of its panel, it is
 * not visible and not judged.
 */
function controlProblems(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    const { name, scroller, overlap, outside } = window.layoutHelpers!;
    const problems: string[] = [];
    const scope = [...document.querySelectorAll('[role="dialog"]')].at(-1) ?? document.body;
    const boxes: { el: Element; r: DOMRect }[] = [];
    for (const el of scope.querySelectorAll('button, input, select, textarea, a[href], [role="button"]')) {
      const r = el.getBoundingClientRect();
      const st = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || st.visibility === 'hidden' || st.display === 'none') continue;
      const panel = scroller(el, scope)?.getBoundingClientRect();
      if (panel && (r.bottom <= panel.top || r.top >= panel.bottom)) continue;
      if (outside(r, panel !== undefined))
        problems.push(
          `${name(el)} outside the ${window.innerWidth}x${window.innerHeight} viewport: ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`,
        );
      // Partly scrolled: the panel clips it on purpose; judge overlap on the visible part only.
      const top = panel ? Math.max(r.top, panel.top) : r.top;
      boxes.push({ el, r: panel ? new DOMRect(r.x, top, r.width, Math.min(r.bottom, panel.bottom) - top) : r });
      if (r.width < 44 - 0.5 || r.height < 44 - 0.5) problems.push(`${name(el)} is ${Math.round(r.width)}x${Math.round(r.height)} px, under 44 px`);
      const he = el as HTMLElement;
      if (he.scrollWidth > he.clientWidth + 1) problems.push(`${name(el)} label cut: ${he.scrollWidth} > ${he.clientWidth}`);
    }
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => overlap(a.r, b.r) && problems.push(`${name(a.el)} overlaps ${name(b.el)}`)));
    return { controls: boxes.length, problems };
  });
}

/** On the main screen the panels (gauge, figures, chart, status) must fit and keep apart as well; the page must not scroll. */
function pageProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { name, overlap, outside } = window.layoutHelpers!;
    const problems: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    if (!document.querySelector('[role="dialog"]')) {
      const panels = [...document.querySelectorAll('[data-testid="gauge"], [data-testid="cost-panel"], .actions, .chart-area, [data-testid="status"]')]
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && r.height > 0);
      for (const { el, r } of panels) {
        if (outside(r))
          problems.push(`panel ${name(el)} outside the ${vw}x${vh} viewport: ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`);
        // Text and boxes, not the chart's own SVG layers (Plotly clips those itself).
        for (const child of el.querySelectorAll('*')) {
          if (!(child instanceof HTMLElement) || child.closest('.js-plotly-plot')) continue;
          const c = child.getBoundingClientRect();
          if (c.width > 0 && outside(c, true)) problems.push(`${name(child)} in ${name(el)} runs off screen across`);
        }
      }
      panels.forEach((a, i) => panels.slice(i + 1).forEach((b) => overlap(a.r, b.r) && problems.push(`panel ${name(a.el)} overlaps ${name(b.el)}`)));
    }
    const doc = document.documentElement;
    if (doc.scrollWidth > vw + 0.5 || doc.scrollHeight > vh + 0.5) problems.push(`page scrolls: ${doc.scrollWidth}x${doc.scrollHeight}`);
    return problems;
  });
}

/** The layout checks of the screen as it is now: controls of the topmost layer, then the main screen's panels. */
export async function checkLayout(page: Page): Promise<LayoutReport> {
  await installHelpers(page);
  const controls = await controlProblems(page);
  return { controls: controls.controls, problems: [...controls.problems, ...(await pageProblems(page))] };
}
