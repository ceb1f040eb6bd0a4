import { type RefObject, useEffect, useLayoutEffect, useRef } from 'react';

export interface PanZoomHandlers {
  /** dx as a fraction of the element's width. */
  onPan: (dxFraction: number) => void;
  /** factor > 1 zooms in; anchor is where (0..1 of the width) the fingers are. */
  onZoom: (factor: number, anchor: number) => void;
  onEnd: () => void;
}

type Listeners = { [K in 'pointerdown' | 'pointermove' | 'pointerup' | 'pointercancel']: (e: PointerEvent) => void } & { wheel: (e: WheelEvent) => void };

/** The gesture's state and its listeners on `node`; the handlers are read at each event, so they may change. */
function panZoomListeners(node: HTMLElement, handlers: RefObject<PanZoomHandlers>): Listeners {
  const pointers = new Map<number, number>();
  let lastX = 0;
  let lastDistance = 0;
  const width = (): number => Math.max(1, node.clientWidth);
  const left = (): number => node.getBoundingClientRect().left;
  const spread = (): number => {
    const [a, b] = [...pointers.values()];
    return Math.abs(a! - b!);
  };
  const centre = (): number => {
    const xs = [...pointers.values()];
    return xs.reduce((s, x) => s + x, 0) / xs.length;
  };

  const down = (e: PointerEvent): void => {
    try {
      // Keeps the drag when the finger leaves the chart; refused for a pointer the browser no longer tracks.
      node.setPointerCapture(e.pointerId);
    } catch {
      /* the gesture still works inside the chart */
    }
    pointers.set(e.pointerId, e.clientX);
    lastX = centre();
    if (pointers.size === 2) lastDistance = spread();
  };
  const move = (e: PointerEvent): void => {
    if (!pointers.has(e.pointerId)) return;
    pointers.set(e.pointerId, e.clientX);
    if (pointers.size === 1) {
      const dx = e.clientX - lastX;
      lastX = e.clientX;
      if (dx !== 0) handlers.current.onPan(dx / width());
    } else if (pointers.size === 2) {
      const d = spread();
      if (lastDistance > 10 && d > 10) handlers.current.onZoom(d / lastDistance, (centre() - left()) / width());
      lastDistance = d;
      lastX = centre();
    }
  };
  const up = (e: PointerEvent): void => {
    if (!pointers.delete(e.pointerId)) return;
    lastX = centre();
    if (pointers.size === 0) handlers.current.onEnd();
  };
  const wheel = (e: WheelEvent): void => {
    e.preventDefault();
    handlers.current.onZoom(e.deltaY < 0 ? 1.25 : 0.8, (e.clientX - left()) / width());
    handlers.current.onEnd();
  };
  return { pointerdown: down, pointermove: move, pointerup: up, pointercancel: up, wheel };
}

/**
 * One finger drags the time axis, two fingers pinch it; a mouse drags and its
 * wheel zooms. Pointer events, so the touchscreen and a mouse share one path.
 */
export function usePanZoom(el: RefObject<HTMLElement | null>, handlers: PanZoomHandlers): void {
  const current = useRef(handlers);
  // The latest handlers, for listeners attached once: updated after each render, before any event.
  useLayoutEffect(() => {
    current.current = handlers;
  });
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const listeners = Object.entries(panZoomListeners(node, current)) as [string, EventListener][];
    for (const [type, listener] of listeners) node.addEventListener(type, listener, type === 'wheel' ? { passive: false } : undefined);
    return () => {
      for (const [type, listener] of listeners) node.removeEventListener(type, listener);
    };
  }, [el]);
}
