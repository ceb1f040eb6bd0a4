import type { Page } from 'playwright-core';

export interface LayoutReport {
  controls: number;
  problems: string[];
}

/**
 * Runs in the page: every visible control of the topmost layer (the last open
 * dialog, else the page) must lie inside the viewport, be at least 44 px each
 * way, show its whole label, and not overlap another control. A control inside
 * a scrolling panel only has to be inside the viewport across; scrolled out of
 * its panel, it is not visible and not judged. On the main screen the panels
 * themselves (gauge, figures, chart, status) must fit and keep apart as well.
 */
export function checkLayout(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const dialogs = [...document.querySelectorAll('[role="dialog"]')];
    const scope = dialogs.at(-1) ?? document.body;
    const name = (el: Element): string => `${el.tagName.toLowerCase()}[${(el.textContent ?? '').trim().slice(0, 24) || el.getAttribute('aria-label') || '?'}]`;
    const scroller = (el: Element): Element | null => {
      for (let p = el.parentElement; p && p !== scope.parentElement; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (/(auto|scroll)/.test(s.overflowY) && p.scrollHeight > p.clientHeight) return p;
      }
      return null;
    };
    type Box = { el: Element; r: DOMRect };
    const boxes: Box[] = [];
    for (const el of scope.querySelectorAll('button, input, select, textarea, a[href], [role="button"]')) {
      const r = el.getBoundingClientRect();
      const st = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || st.visibility === 'hidden' || st.display === 'none') continue;
      const sc = scroller(el);
      if (sc) {
        const c = sc.getBoundingClientRect();
        if (r.bottom <= c.top || r.top >= c.bottom) continue;
        if (r.left < -0.5 || r.right > vw + 0.5) problems.push(`${name(el)} sticks out across: ${r.left}..${r.right} of ${vw}`);
        // Partly scrolled: the panel clips it on purpose; judge overlap on the visible part only.
        boxes.push({ el, r: new DOMRect(r.x, Math.max(r.top, c.top), r.width, Math.min(r.bottom, c.bottom) - Math.max(r.top, c.top)) });
      } else {
        if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5) {
          problems.push(`${name(el)} outside the ${vw}x${vh} viewport: ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`);
        }
        boxes.push({ el, r });
      }
      if (r.width < 44 - 0.5 || r.height < 44 - 0.5) problems.push(`${name(el)} is ${Math.round(r.width)}x${Math.round(r.height)} px, under 44 px`);
      const he = el as HTMLElement;
      if (he.scrollWidth > he.clientWidth + 1) problems.push(`${name(el)} label cut: ${he.scrollWidth} > ${he.clientWidth}`);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r;
        const b = boxes[j]!.r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 0.5 && h > 0.5) problems.push(`${name(boxes[i]!.el)} overlaps ${name(boxes[j]!.el)}`);
      }
    }
    // The main screen's panels (figures, not controls) must fit and not cover each other too.
    if (scope === document.body) {
      const panels = [...document.querySelectorAll('[data-testid="gauge"], [data-testid="cost-panel"], .actions, .chart-area, [data-testid="status"]')]
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && r.height > 0);
      for (const { el, r } of panels) {
        if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5) {
          problems.push(`panel ${name(el)} outside the ${vw}x${vh} viewport: ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`);
        }
        // Text and boxes, not the chart's own SVG layers (Plotly clips those itself).
        for (const child of el.querySelectorAll('*')) {
          if (!(child instanceof HTMLElement) || child.closest('.js-plotly-plot')) continue;
          const c = child.getBoundingClientRect();
          if (c.width > 0 && (c.left < -0.5 || c.right > vw + 0.5)) problems.push(`${name(child)} in ${name(el)} runs off screen across`);
        }
      }
      for (let i = 0; i < panels.length; i++) {
        for (let j = i + 1; j < panels.length; j++) {
          const a = panels[i]!.r;
          const b = panels[j]!.r;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 0.5 && h > 0.5) problems.push(`panel ${name(panels[i]!.el)} overlaps ${name(panels[j]!.el)}`);
        }
      }
    }
    const doc = document.documentElement;
    if (doc.scrollWidth > vw + 0.5 || doc.scrollHeight > vh + 0.5) problems.push(`page scrolls: ${doc.scrollWidth}x${doc.scrollHeight}`);
    return { controls: boxes.length, problems };
  });
}
